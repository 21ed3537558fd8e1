package io.tasker.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import com.zaxxer.hikari.HikariDataSource;
import io.tasker.Tasker;
import io.tasker.handler.StepResult;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.task.TaskRequest;
import io.tasker.testing.DatabaseTest;
import io.tasker.testing.Engines;
import io.tasker.testing.Invariants;
import io.tasker.testing.TestPostgres;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;


/**
 * Three engines on one database run 5,000 tasks of the mixed DAG (35,000 steps): every step runs exactly once,
 * no task is left behind, and no transaction deadlocks.
 */
@DatabaseTest
class ConcurrencyTest {

    private static final int TASKS = 5000;
    private static final String MIXED_DAG = """
            name: mixed
            namespace_name: concurrency
            version: 1.0.0
            identity_strategy: always_unique
            steps:
              - {name: init, handler: {callable: count}}
              - {name: left, handler: {callable: count}, dependencies: [init]}
              - {name: right, handler: {callable: count}, dependencies: [init]}
              - {name: validate, handler: {callable: count}, dependencies: [left, right]}
              - {name: transform, handler: {callable: count}, dependencies: [left]}
              - {name: analyze, handler: {callable: count}, dependencies: [right]}
              - {name: finalize, handler: {callable: count}, dependencies: [validate, transform, analyze]}
            """;

    @Test
    void three_engines_run_five_thousand_mixed_dags_with_every_step_exactly_once(TestPostgres postgres) {
        Map<UUID, AtomicInteger> runs = new ConcurrentHashMap<>();
        long deadlocksBefore = Jdbc.transientFailures();
        List<HikariDataSource> pools = new ArrayList<>();
        List<Tasker> engines = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                HikariDataSource pool = postgres.newPool(8);
                pools.add(pool);
                engines.add(Engines.fast(pool).workerId("engine-" + i).concurrency(32)
                        .handler("count", ctx -> {
                            runs.computeIfAbsent(ctx.stepUuid(), k -> new AtomicInteger()).incrementAndGet();
                            return StepResult.success(Map.of("ancestors", ctx.dependencyResults().size()));
                        })
                        .template(MIXED_DAG).start());
            }
            for (int batch = 0; batch < TASKS / 500; batch++) {
                List<TaskRequest> requests = new ArrayList<>();
                for (int i = 0; i < 500; i++) {
                    requests.add(TaskRequest.of("concurrency", "mixed").build());
                }
                engines.get(batch % 3).creation().createTasks(requests);
            }
            Jdbc jdbc = new Jdbc(postgres.dataSource());
            await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500)).until(() ->
                    jdbc.queryOne("SELECT count(*) FROM tasker.tasks WHERE complete", row -> row.getInt(1))
                            .orElse(0) == TASKS);

            assertThat(runs).hasSize(TASKS * 7);
            assertThat(runs.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
            assertThat(jdbc.queryOne("SELECT count(*) FROM tasker.workflow_steps WHERE current_state <> 'complete'"
                    + " OR attempts <> 1", row -> row.getInt(1))).contains(0);
            assertThat(jdbc.queryOne("""
                    SELECT count(*) FROM (SELECT workflow_step_uuid FROM tasker.workflow_step_transitions
                    WHERE to_state = 'in_progress' GROUP BY workflow_step_uuid HAVING count(*) <> 1) twice
                    """, row -> row.getInt(1))).as("steps claimed more than once").contains(0);
            assertThat(jdbc.queryOne("SELECT count(DISTINCT claimed_by) FROM tasker.workflow_steps", row -> row.getInt(1)))
                    .isPresent();
            assertThat(jdbc.queryOne("""
                    SELECT count(DISTINCT t.metadata->>'worker') FROM tasker.workflow_step_transitions t
                    WHERE t.to_state = 'in_progress'""", row -> row.getInt(1))).as("all three engines worked").contains(3);
            assertThat(jdbc.queryOne("SELECT count(*) FROM tasker.workflow_steps s JOIN tasker.named_steps n"
                    + " USING (named_step_uuid) WHERE n.name = 'finalize' AND (s.results->>'ancestors')::int = 6",
                    row -> row.getInt(1))).as("finalize saw all six ancestors").contains(TASKS);
            assertThat(Jdbc.transientFailures() - deadlocksBefore).as("deadlocks or serialization failures").isZero();
            Invariants.check(postgres.dataSource());
        } finally {
            engines.forEach(Tasker::close);
            pools.forEach(HikariDataSource::close);
        }
    }
}
