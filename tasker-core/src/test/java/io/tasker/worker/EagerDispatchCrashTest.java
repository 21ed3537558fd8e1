package io.tasker.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.tasker.Tasker;
import io.tasker.handler.StepResult;
import io.tasker.state.TaskState;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.task.TaskRequest;
import io.tasker.testing.ChildJvm;
import io.tasker.testing.DatabaseTest;
import io.tasker.testing.Engines;
import io.tasker.testing.Invariants;
import io.tasker.testing.Templates;
import io.tasker.testing.TestPostgres;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * An engine is killed (SIGKILL) while it runs a step that its parent's result transaction claimed for it (eager
 * dispatch): the claim is an ordinary lease, so another engine recovers the step when the lease expires and the
 * task completes, with the parent run once and the child twice (the killed attempt and the new one).
 */
@DatabaseTest
class EagerDispatchCrashTest {

    static final String TEMPLATE = Templates.chain("eager_crash", "quick", "stuck").yaml();

    @Test
    void a_step_claimed_eagerly_by_an_engine_that_dies_is_recovered_when_its_lease_expires(TestPostgres postgres)
            throws Exception {
        Jdbc jdbc = new Jdbc(postgres.dataSource());
        UUID task;
        try (Tasker creator = Engines.fast(postgres.dataSource()).runWorkers(false).runMaintenance(false)
                .handler("quick", ctx -> StepResult.success(Map.of())).handler("stuck", ctx -> StepResult.success(Map.of()))
                .template(TEMPLATE).start()) {
            task = creator.createTask(TaskRequest.of("eager_crash", "chain").build()).taskUuid();
        }
        try (ChildJvm child = ChildJvm.start(EagerCrashEngineMain.class, postgres.jdbcUrl())) {
            child.awaitLine("READY", Duration.ofSeconds(60));
            child.awaitLine("RUNNING second", Duration.ofSeconds(60));
            assertThat(jdbc.queryOne("""
                    SELECT s.claimed_by || ' ' || s.current_state || ' ' || (t.metadata ->> 'dispatch')
                    FROM tasker.workflow_steps s
                    JOIN tasker.named_steps n USING (named_step_uuid)
                    JOIN tasker.workflow_step_transitions t
                      ON t.workflow_step_uuid = s.workflow_step_uuid AND t.most_recent
                    WHERE s.task_uuid = ? AND n.name = 'second'
                    """, row -> row.getString(1), task)).contains("eager-doomed in_progress eager");
            child.kill();
        }
        AtomicInteger quickRuns = new AtomicInteger();
        try (Tasker survivor = Engines.fast(postgres.dataSource())
                .handler("quick", ctx -> {
                    quickRuns.incrementAndGet();
                    return StepResult.success(Map.of("quick", true));
                })
                .handler("stuck", ctx -> StepResult.success(Map.of("recovered", true)))
                .template(TEMPLATE).start()) {
            assertThat(survivor.awaitCompletion(task, Duration.ofSeconds(60))).isEqualTo(TaskState.COMPLETE);
            assertThat(survivor.tasks().step(task, "first").orElseThrow().row().attempts()).isEqualTo(1);
            assertThat(survivor.tasks().step(task, "second").orElseThrow().row().attempts())
                    .as("the killed attempt and the one after the lease expired").isEqualTo(2);
        }
        assertThat(quickRuns.get()).as("the parent does not run again").isZero();
        assertThat(jdbc.queryOne("""
                SELECT count(*) FROM tasker.workflow_step_transitions
                WHERE metadata->'error'->>'type' = 'LeaseExpired'
                """, row -> row.getInt(1))).contains(1);
        Invariants.check(postgres.dataSource());
    }
}
