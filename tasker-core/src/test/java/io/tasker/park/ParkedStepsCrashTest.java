package io.tasker.park;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tasker.Tasker;
import io.tasker.engine.TaskCreator;
import io.tasker.handler.StepResult;
import io.tasker.state.TaskState;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.task.TaskRequest;
import io.tasker.testing.ChildJvm;
import io.tasker.testing.DatabaseTest;
import io.tasker.testing.Engines;
import io.tasker.testing.Invariants;
import io.tasker.testing.TestPostgres;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The engine that parked the steps is killed with SIGKILL while they wait. Nothing of a wait lived in its memory:
 * in a new engine the deadlines fire, the events wake the others, and no parked step ran a second time (lease
 * recovery never took one).
 */
@DatabaseTest
class ParkedStepsCrashTest {

    private static final int TASKS = 20;

    @Test
    void waits_survive_the_sigkill_of_the_engine_that_parked_them(TestPostgres postgres) throws Exception {
        Jdbc jdbc = new Jdbc(postgres.dataSource());
        List<UUID> timed = new ArrayList<>();
        List<UUID> woken = new ArrayList<>();
        try (Tasker creator = Engines.fast(postgres.dataSource()).runWorkers(false).runMaintenance(false)
                .handler("gate", ctx -> StepResult.success(Map.of())).handler("hold", ParkedStepsTest.HOLD)
                .template(ParkedStepsTest.TEMPLATE).start()) {
            List<TaskRequest> requests = new ArrayList<>();
            for (int i = 0; i < TASKS; i++) {
                Map<String, Object> context = i % 2 == 0 ? Map.of("key", "k" + i, "deadline_seconds", 10)
                        : Map.of("key", "k" + i);
                requests.add(TaskRequest.of("park", "waits").context(context).build());
            }
            List<TaskCreator.Creation> created = creator.creation().createTasks(requests);
            for (int i = 0; i < TASKS; i++) {
                UUID task = ((TaskCreator.Creation.Created) created.get(i)).task().taskUuid();
                (i % 2 == 0 ? timed : woken).add(task);
            }
        }

        try (ChildJvm child = ChildJvm.start(ParkingEngineMain.class, postgres.jdbcUrl())) {
            child.awaitLine("READY", Duration.ofSeconds(60));
            await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryOne(
                    "SELECT count(*) FROM tasker.parked_steps", row -> row.getInt(1)).orElse(0) == TASKS);
            child.kill();
        }

        try (Tasker survivor = Engines.fast(postgres.dataSource()).leaseDuration(Duration.ofSeconds(2))
                .handler("gate", ctx -> StepResult.success(Map.of())).handler("hold", ParkedStepsTest.HOLD)
                .template(ParkedStepsTest.TEMPLATE).start()) {
            for (int i = 0; i < woken.size(); i++) {
                assertThat(survivor.parkedSteps().complete(new ParkKey(woken.get(i), "test", "k" + (2 * i + 1)),
                        Map.of("woken", true)).status()).isEqualTo(WakeResult.Status.WOKE);
            }
            for (UUID task : woken) {
                assertThat(survivor.awaitCompletion(task, Duration.ofSeconds(60))).isEqualTo(TaskState.COMPLETE);
            }
            for (UUID task : timed) {
                assertThat(survivor.awaitCompletion(task, Duration.ofSeconds(60))).isEqualTo(TaskState.COMPLETE);
            }
        }
        assertThat(jdbc.queryOne("""
                SELECT count(*) FROM tasker.workflow_steps s JOIN tasker.named_steps n USING (named_step_uuid)
                WHERE n.name = 'hold' AND s.attempts = 1 AND s.current_state = 'complete'""", row -> row.getInt(1)))
                .as("every parked step ran once and completed").contains(TASKS);
        assertThat(jdbc.queryOne("""
                SELECT count(*) FROM tasker.workflow_steps s JOIN tasker.named_steps n USING (named_step_uuid)
                WHERE n.name = 'hold' AND s.results ->> 'timed_out' = 'true'""", row -> row.getInt(1)))
                .contains(TASKS / 2);
        Invariants.check(postgres.dataSource());
    }
}
