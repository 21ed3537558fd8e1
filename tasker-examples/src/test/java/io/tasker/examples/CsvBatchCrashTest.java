package io.tasker.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import io.tasker.Tasker;
import io.tasker.TaskerBuilder;
import io.tasker.state.TaskState;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.task.StepView;
import io.tasker.task.TaskRequest;
import io.tasker.testing.ChildJvm;
import io.tasker.testing.DatabaseTest;
import io.tasker.testing.Engines;
import io.tasker.testing.Invariants;
import io.tasker.testing.TestPostgres;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;


/**
 * An engine running the CSV batch example is killed with SIGKILL while its batch workers are half-way through
 * their rows. Another engine finishes the task: the interrupted workers resume from their checkpoints, and the
 * totals are exactly those of the CSV (no row counted twice, none skipped).
 */
@DatabaseTest
class CsvBatchCrashTest {

    @Test
    void batch_workers_killed_mid_batch_resume_from_their_checkpoints_and_the_totals_are_exact(
            TestPostgres postgres) throws Exception {
        Jdbc jdbc = new Jdbc(postgres.dataSource());
        UUID task;
        try (ChildJvm child = ChildJvm.start(CsvBatchEngineMain.class, postgres.jdbcUrl())) {
            child.awaitLine("READY", Duration.ofSeconds(60));
            try (Tasker creator = Engines.fast(postgres.dataSource()).runWorkers(false).runMaintenance(false)
                    .template(ExampleTemplates.read("csv_batch_processing.yaml")).start()) {
                task = creator.createTask(TaskRequest.of("csv_batch", "csv_sales_totals")
                        .context(Map.of("row_delay_ms", 4)).build()).taskUuid();
            }
            // Kill once some worker has checkpointed and none has finished its 200 rows.
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() ->
                    count(jdbc, task, "checkpoint IS NOT NULL AND current_state = 'in_progress'") > 0);
            child.kill();
        }
        List<String> interrupted = jdbc.query("""
                SELECT n.name FROM tasker.workflow_steps s JOIN tasker.named_steps n USING (named_step_uuid)
                WHERE s.task_uuid = ? AND s.current_state = 'in_progress' AND s.checkpoint IS NOT NULL
                """, row -> row.getString(1), task);
        assertThat(interrupted).as("workers killed after a checkpoint").isNotEmpty();

        TaskerBuilder survivor = Engines.fast(postgres.dataSource()).leaseDuration(Duration.ofSeconds(2));
        ExampleTemplates.yamlTexts().forEach(survivor::template);
        try (Tasker engine = survivor.start()) {
            assertThat(engine.awaitCompletion(task, Duration.ofSeconds(90))).isEqualTo(TaskState.COMPLETE);

            JsonNode totals = engine.tasks().step(task, "aggregate_totals").orElseThrow().row().results();
            DynamicExamplesTest.Expected expected = DynamicExamplesTest.expectedTotals();
            assertThat(totals.path("rows").asLong()).isEqualTo(1000);
            assertThat(totals.path("quantity").asLong()).isEqualTo(expected.quantity());
            assertThat(totals.path("revenue_cents").asLong()).isEqualTo(expected.revenueCents());
            expected.byRegion().forEach((region, cents) ->
                    assertThat(totals.path("revenue_by_region").path(region).asLong()).isEqualTo(cents));
            for (String name : interrupted) {
                StepView worker = engine.tasks().step(task, name).orElseThrow();
                long start = worker.row().inputs().path("batch").path("cursor").path("start_cursor").asLong();
                assertThat(worker.row().attempts()).as(name + " ran again").isEqualTo(2);
                assertThat(worker.row().results().path("resumed_from").asLong()).as(name + " resumed")
                        .isGreaterThan(start);
                assertThat(worker.row().results().path("rows").asLong()).as(name + " rows").isEqualTo(200);
            }
        }
        Invariants.check(postgres.dataSource());
    }

    private static int count(Jdbc jdbc, UUID task, String condition) {
        return jdbc.queryOne("SELECT count(*) FROM tasker.workflow_steps WHERE task_uuid = ? AND " + condition,
                row -> row.getInt(1), task).orElse(0);
    }
}
