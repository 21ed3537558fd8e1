package io.tasker.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tasker.Tasker;
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
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The engine running the one task a concurrency key allows is killed with SIGKILL. The key's slot is in the
 * database, so the next engine does not start a second task of that key: it recovers the running one (lease
 * expiry), finishes it, and only then starts the next, one at a time; another key runs meanwhile.
 */
@DatabaseTest
class ThrottledClaimsCrashTest {

    static final String TEMPLATE = """
            name: serial_per_customer
            namespace_name: crashthrottle
            version: 1.0.0
            identity_strategy: always_unique
            concurrency: {key: $.context.customer, limit: 1}
            steps:
              - {name: work, handler: {callable: hold}}
              - {name: after, handler: {callable: hold}, dependencies: [work]}
            """;

    @Test
    void a_concurrency_slot_outlives_the_sigkill_of_the_engine_that_held_it(TestPostgres postgres) throws Exception {
        Jdbc jdbc = new Jdbc(postgres.dataSource());
        List<UUID> serial = new ArrayList<>();
        UUID other;
        try (Tasker creator = Engines.fast(postgres.dataSource()).runWorkers(false).runMaintenance(false)
                .handler("hold", ctx -> StepResult.success(Map.of())).template(TEMPLATE).start()) {
            for (int i = 0; i < 3; i++) {
                serial.add(creator.createTask(TaskRequest.of("crashthrottle", "serial_per_customer")
                        .context(Map.of("customer", "one")).build()).taskUuid());
            }
            try (ChildJvm child = ChildJvm.start(ThrottledEngineMain.class, postgres.jdbcUrl())) {
                child.awaitLine("READY", Duration.ofSeconds(60));
                await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryOne(
                        "SELECT count(*) FROM tasker.workflow_steps WHERE current_state = 'in_progress'",
                        row -> row.getInt(1)).orElse(0) == 1);
                child.kill();
            }
            other = creator.createTask(TaskRequest.of("crashthrottle", "serial_per_customer")
                    .context(Map.of("customer", "two")).build()).taskUuid();
        }
        assertThat(jdbc.queryOne("SELECT count(*) FROM tasker.task_slots WHERE throttle_key LIKE '%=one'",
                row -> row.getInt(1))).as("the killed engine's task still holds the key").contains(1);

        AtomicInteger most = new AtomicInteger();
        try (Tasker survivor = Engines.fast(postgres.dataSource()).handler("hold", ctx -> {
            if (ctx.taskContext().path("customer").asString().equals("one")) {
                most.accumulateAndGet(jdbc.queryOne("SELECT count(DISTINCT s.task_uuid) FROM tasker.workflow_steps s "
                        + "WHERE s.current_state = 'in_progress' AND s.throttle_key LIKE '%=one'",
                        row -> row.getInt(1)).orElse(0), Math::max);
            }
            return StepResult.success(Map.of());
        }).template(TEMPLATE).start()) {
            assertThat(survivor.awaitCompletion(other, Duration.ofSeconds(60))).isEqualTo(TaskState.COMPLETE);
            for (UUID task : serial) {
                assertThat(survivor.awaitCompletion(task, Duration.ofSeconds(60))).isEqualTo(TaskState.COMPLETE);
            }
        }
        assertThat(most.get()).as("tasks of the key in progress at once").isEqualTo(1);
        assertThat(jdbc.queryOne("SELECT count(*) FROM tasker.task_slots", row -> row.getInt(1))).contains(0);
        Invariants.check(postgres.dataSource());
    }
}
