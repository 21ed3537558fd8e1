package io.tasker.examples;

import static org.assertj.core.api.Assertions.assertThat;
import io.tasker.examples.csv.SaleRow;
import io.tasker.examples.csv.SalesData;
import io.tasker.state.TaskState;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.task.CreatedTask;
import io.tasker.task.StepView;
import io.tasker.task.TaskRequest;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;


/** The decision and batch examples: which steps exist and ran, and totals checked against the CSV itself. */
class DynamicExamplesTest extends WithExampleEngine {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void a_small_request_is_approved_automatically() {
        UUID task = approve(250);
        assertThat(stepNames(task)).containsExactly("auto_approve", "finalize_approval", "routing_decision",
                "validate_request");
        assertThat(result(task, "finalize_approval").path("approvers").toString()).isEqualTo("[\"system\"]");
    }

    @Test
    void a_medium_request_needs_a_manager() {
        UUID task = approve(2_500);
        assertThat(stepNames(task)).containsExactly("finalize_approval", "manager_approval", "routing_decision",
                "validate_request");
        assertThat(result(task, "finalize_approval").path("approvers").toString()).isEqualTo("[\"manager\"]");
        assertThat(enqueuedAt(task, "finalize_approval")).isAfterOrEqualTo(completedAt(task, "manager_approval"));
    }

    @Test
    void a_large_request_needs_a_manager_and_finance_before_it_is_finalized() {
        UUID task = approve(12_000);
        assertThat(stepNames(task)).containsExactly("finalize_approval", "finance_review", "manager_approval",
                "routing_decision", "validate_request");
        assertThat(result(task, "finalize_approval").path("approved").asBoolean()).isTrue();
        assertThat(result(task, "finalize_approval").path("approvers").toString())
                .isEqualTo("[\"manager\",\"finance\"]");
        assertThat(enqueuedAt(task, "finalize_approval")).isAfterOrEqualTo(completedAt(task, "manager_approval"))
                .isAfterOrEqualTo(completedAt(task, "finance_review"));
        assertThat(edges(task)).contains("routing_decision->manager_approval:provides",
                "routing_decision->finance_review:provides", "manager_approval->finalize_approval:provides",
                "finance_review->finalize_approval:provides");
        assertThat(tasker.tasks().steps(task)).allSatisfy(step -> assertThat(step.row().attempts()).isEqualTo(1));
    }

    @Test
    void the_csv_is_totalled_by_five_batch_workers() throws Exception {
        CreatedTask created = tasker.createTask(TaskRequest.of("csv_batch", "csv_sales_totals").build());
        assertThat(tasker.awaitCompletion(created.taskUuid(), WAIT)).isEqualTo(TaskState.COMPLETE);
        UUID task = created.taskUuid();

        assertThat(stepNames(task)).containsExactly("aggregate_totals", "analyze_csv", "process_csv_batch_001",
                "process_csv_batch_002", "process_csv_batch_003", "process_csv_batch_004", "process_csv_batch_005");
        JsonNode totals = result(task, "aggregate_totals");
        Expected expected = expectedTotals();
        assertThat(totals.path("rows").asLong()).isEqualTo(1000);
        assertThat(totals.path("workers").asInt()).isEqualTo(5);
        assertThat(totals.path("quantity").asLong()).isEqualTo(expected.quantity());
        assertThat(totals.path("revenue_cents").asLong()).isEqualTo(expected.revenueCents());
        expected.byRegion().forEach((region, cents) ->
                assertThat(totals.path("revenue_by_region").path(region).asLong()).as(region).isEqualTo(cents));
        for (int worker = 1; worker <= 5; worker++) {
            StepView step = tasker.tasks().step(task, "process_csv_batch_00" + worker).orElseThrow();
            assertThat(step.row().results().path("rows").asLong()).isEqualTo(200);
            assertThat(step.row().inputs().path("batch").path("cursor").path("start_cursor").asLong())
                    .isEqualTo((worker - 1) * 200L);
            assertThat(step.row().checkpoint().path("items_processed").asLong()).as("checkpointed every 50 rows")
                    .isEqualTo(150);
        }
        assertThat(edges(task)).filteredOn(e -> e.endsWith(":batch_dependency")).hasSize(5);
        assertThat(edges(task)).filteredOn(e -> e.endsWith(":worker_to_convergence")).hasSize(5);
    }

    /** Totals computed straight from the CSV file, independently of the handlers. */
    record Expected(long quantity, long revenueCents, Map<String, Long> byRegion) {
    }

    static Expected expectedTotals() throws Exception {
        List<SaleRow> rows;
        try (InputStream csv = SalesData.class.getResourceAsStream("/io/tasker/examples/data/sales.csv")) {
            rows = SalesData.parse(csv);
        }
        long quantity = 0;
        long revenue = 0;
        Map<String, Long> byRegion = new TreeMap<>();
        for (SaleRow row : rows) {
            quantity += row.quantity();
            revenue += (long) row.quantity() * row.unitPriceCents();
            byRegion.merge(row.region(), (long) row.quantity() * row.unitPriceCents(), Long::sum);
        }
        assertThat(rows).hasSize(1000);
        return new Expected(quantity, revenue, byRegion);
    }

    private UUID approve(double amount) {
        CreatedTask created = tasker.createTask(TaskRequest.of("conditional_approval", "approval_routing")
                .context(Map.of("amount", amount, "requester", "ada", "purpose", "laptops")).build());
        assertThat(tasker.awaitCompletion(created.taskUuid(), WAIT)).isEqualTo(TaskState.COMPLETE);
        assertThat(tasker.tasks().steps(created.taskUuid()))
                .allSatisfy(step -> assertThat(step.state().dbValue()).as(step.name()).isEqualTo("complete"));
        return created.taskUuid();
    }

    private List<String> stepNames(UUID task) {
        return tasker.tasks().steps(task).stream().map(StepView::name).sorted().toList();
    }

    private JsonNode result(UUID task, String step) {
        return tasker.tasks().step(task, step).orElseThrow().row().results();
    }

    private List<String> edges(UUID task) {
        return new Jdbc(dataSource).query("""
                SELECT pf.name || '->' || pt.name || ':' || e.name
                FROM tasker.workflow_step_edges e
                JOIN tasker.workflow_steps f ON f.workflow_step_uuid = e.from_step_uuid
                JOIN tasker.named_steps pf ON pf.named_step_uuid = f.named_step_uuid
                JOIN tasker.workflow_steps t ON t.workflow_step_uuid = e.to_step_uuid
                JOIN tasker.named_steps pt ON pt.named_step_uuid = t.named_step_uuid
                WHERE f.task_uuid = ?
                """, row -> row.getString(1), task);
    }
}
