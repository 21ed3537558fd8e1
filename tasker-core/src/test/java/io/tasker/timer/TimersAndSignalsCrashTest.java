package io.tasker.timer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tasker.Tasker;
import io.tasker.engine.TaskCreator;
import io.tasker.json.Json;
import io.tasker.park.WakeResult;
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
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The engine whose tasks wait on a timer and a signal is killed with SIGKILL. In a new engine the timers still fire
 * when due, the signals (some sent while no engine ran) complete their steps, and no waiting step ran twice.
 */
@DatabaseTest
class TimersAndSignalsCrashTest {

    static final String TEMPLATE = """
            name: waits
            namespace_name: crashwait
            version: 1.0.0
            identity_strategy: always_unique
            steps:
              - {name: pause, type: wait, duration: PT8S}
              - {name: approved, type: signal}
              - {name: done, handler: {callable: echo}, dependencies: [pause, approved]}
            """;

    private static final int TASKS = 10;

    @Test
    void timers_and_signals_survive_the_sigkill_of_the_engine_they_waited_in(TestPostgres postgres) throws Exception {
        Jdbc jdbc = new Jdbc(postgres.dataSource());
        List<UUID> tasks = new ArrayList<>();
        try (Tasker creator = Engines.fast(postgres.dataSource()).runWorkers(false).runMaintenance(false)
                .template(TEMPLATE).start()) {
            List<TaskRequest> requests = Collections.nCopies(TASKS, TaskRequest.of("crashwait", "waits").build());
            creator.creation().createTasks(requests).forEach(c -> tasks.add(((TaskCreator.Creation.Created) c).task().taskUuid()));

            try (ChildJvm child = ChildJvm.start(WaitingEngineMain.class, postgres.jdbcUrl())) {
                child.awaitLine("READY", Duration.ofSeconds(60));
                await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryOne(
                        "SELECT count(*) FROM tasker.parked_steps", row -> row.getInt(1)).orElse(0) == 2 * TASKS);
                child.kill();
            }
            for (UUID task : tasks.subList(0, TASKS / 2)) {
                assertThat(creator.signals().send(task, "approved", Json.object().put("while", "down")).status())
                        .as("delivered while no engine runs").isEqualTo(WakeResult.Status.WOKE);
            }
        }

        try (Tasker survivor = Engines.fast(postgres.dataSource()).template(TEMPLATE).start()) {
            for (UUID task : tasks.subList(TASKS / 2, TASKS)) {
                survivor.signals().send(task, "approved", Json.object().put("while", "up"));
            }
            for (UUID task : tasks) {
                assertThat(survivor.awaitCompletion(task, Duration.ofSeconds(60))).isEqualTo(TaskState.COMPLETE);
            }
        }
        assertThat(jdbc.queryOne("""
                SELECT count(*) FROM tasker.workflow_steps s JOIN tasker.named_steps n USING (named_step_uuid)
                WHERE n.name IN ('pause', 'approved') AND s.attempts = 1 AND s.current_state = 'complete'""",
                row -> row.getInt(1))).as("each waiting step ran once").contains(2 * TASKS);
        Invariants.check(postgres.dataSource());
    }
}
