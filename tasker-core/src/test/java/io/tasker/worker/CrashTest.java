package io.tasker.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tasker.Tasker;
import io.tasker.handler.StepHandler;
import io.tasker.handler.StepResult;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.task.TaskRequest;
import io.tasker.testing.ChildJvm;
import io.tasker.testing.DatabaseTest;
import io.tasker.testing.Engines;
import io.tasker.testing.Invariants;
import io.tasker.testing.Templates;
import io.tasker.testing.TestPostgres;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;


/**
 * An engine in another JVM is killed with SIGKILL in the middle of a run. A second engine finishes every task;
 * nothing is lost, and exactly the steps the dead engine was running show a second attempt.
 */
@DatabaseTest
class CrashTest {

    static final String TEMPLATE = Templates.chain("crash", "slow_square", "slow_square", "slow_square").yaml();

    /** Squares the parent's value (or the task's n), slowly enough that a kill lands mid-run. */
    static final StepHandler SLOW_SQUARE = ctx -> {
        Thread.sleep(60);
        long n = ctx.dependencyResults().isEmpty() ? ctx.taskContext().path("n").asLong()
                : ctx.dependencyResults().values().stream().mapToLong(r -> r.path("value").asLong()).max().orElse(0);
        return StepResult.success(Map.of("value", (n * n) % 1_000_003));
    };

    private static final int TASKS = 120;

    @Test
    void a_killed_engines_steps_run_again_elsewhere_and_nothing_is_lost(TestPostgres postgres) throws Exception {
        Jdbc jdbc = new Jdbc(postgres.dataSource());
        List<UUID> tasks = new ArrayList<>();
        try (Tasker creator = Engines.fast(postgres.dataSource()).runWorkers(false).runMaintenance(false)
                .handler("slow_square", SLOW_SQUARE).template(TEMPLATE).start()) {
            List<TaskRequest> requests = new ArrayList<>();
            for (int i = 0; i < TASKS; i++) {
                requests.add(TaskRequest.of("crash", "chain").context(Map.of("n", i + 2)).build());
            }
            creator.creation().createTasks(requests).forEach(c ->
                    tasks.add(((io.tasker.engine.TaskCreator.Creation.Created) c).task().taskUuid()));
        }

        Set<UUID> runningWhenKilled;
        try (ChildJvm child = ChildJvm.start(CrashEngineMain.class, postgres.jdbcUrl())) {
            child.awaitLine("READY", Duration.ofSeconds(60));
            await().atMost(Duration.ofSeconds(60)).until(() -> count(jdbc, "current_state = 'complete'") >= 60
                    && count(jdbc, "current_state = 'in_progress'") > 0);
            child.kill();
        }
        runningWhenKilled = new HashSet<>(jdbc.query(
                "SELECT workflow_step_uuid FROM tasker.workflow_steps WHERE current_state = 'in_progress'",
                row -> row.getObject(1, UUID.class)));
        assertThat(runningWhenKilled).as("the kill landed mid-run").isNotEmpty();

        try (Tasker survivor = Engines.fast(postgres.dataSource()).leaseDuration(Duration.ofSeconds(2))
                .handler("slow_square", SLOW_SQUARE).template(TEMPLATE).start()) {
            for (UUID task : tasks) {
                assertThat(survivor.awaitCompletion(task, Duration.ofSeconds(60)))
                        .isEqualTo(io.tasker.state.TaskState.COMPLETE);
            }
        }

        assertThat(count(jdbc, "current_state = 'complete'")).isEqualTo(TASKS * 3);
        Set<UUID> retried = new HashSet<>(jdbc.query(
                "SELECT workflow_step_uuid FROM tasker.workflow_steps WHERE attempts = 2",
                row -> row.getObject(1, UUID.class)));
        assertThat(retried).as("exactly the steps the dead engine held ran again").isEqualTo(runningWhenKilled);
        assertThat(count(jdbc, "attempts NOT IN (1, 2)")).isZero();
        assertThat(jdbc.queryOne("""
                SELECT count(*) FROM tasker.workflow_step_transitions
                WHERE metadata -> 'via' @> '["enqueued_as_error_for_orchestration"]'
                  AND metadata->'error'->>'type' = 'LeaseExpired'
                """, row -> row.getInt(1))).contains(runningWhenKilled.size());
        // Every chain computed the right value: three squarings of its n, each modulo 1,000,003.
        for (int i = 0; i < TASKS; i++) {
            long expected = i + 2;
            for (int step = 0; step < 3; step++) {
                expected = (expected * expected) % 1_000_003;
            }
            UUID task = tasks.get(i);
            assertThat(jdbc.queryOne("""
                    SELECT (s.results->>'value')::bigint FROM tasker.workflow_steps s
                    JOIN tasker.named_steps n USING (named_step_uuid) WHERE s.task_uuid = ? AND n.name = 'third'
                    """, row -> row.getLong(1), task)).contains(expected);
        }
        Invariants.check(postgres.dataSource());
    }

    private static int count(Jdbc jdbc, String condition) {
        return jdbc.queryOne("SELECT count(*) FROM tasker.workflow_steps WHERE " + condition, row -> row.getInt(1))
                .orElse(0);
    }
}
