package io.tasker.examples;

import static org.assertj.core.api.Assertions.assertThat;
import io.tasker.state.TaskState;
import io.tasker.store.rows.TaskTransitionRow;
import io.tasker.store.rows.WorkflowStepTransitionRow;
import io.tasker.task.CreatedTask;
import io.tasker.task.StepView;
import io.tasker.task.TaskRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;


/** Every example workflow runs to its end state with the expected results and histories. */
class ExampleWorkflowsTest extends WithExampleEngine {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final List<String> SUCCESSFUL_STEP = List.of("pending", "enqueued", "in_progress",
            "enqueued_for_orchestration", "complete");
    private static final List<String> FAILED_ATTEMPT = List.of("enqueued", "in_progress",
            "enqueued_as_error_for_orchestration");

    @Test
    void linear_workflow_squares_four_times() {
        UUID task = run("linear_workflow", "mathematical_sequence", Map.of("even_number", 2), TaskState.COMPLETE);
        assertThat(values(task, "linear_step_1", "linear_step_2", "linear_step_3", "linear_step_4"))
                .containsExactly(4L, 16L, 256L, 65536L);
        for (StepView step : tasker.tasks().steps(task)) {
            assertThat(stepStates(step)).as(step.name()).isEqualTo(SUCCESSFUL_STEP);
            assertThat(step.row().attempts()).isEqualTo(1);
        }
        assertThat(auditTrail(task)).hasSize(4).allSatisfy(row -> assertThat(row).matches("true\\|linear_step_\\d\\|true\\|true"));
        assertThat(taskStates(task)).containsExactly("pending", "initializing", "enqueuing_steps",
                "steps_in_process",
                "evaluating_results", "enqueuing_steps", "steps_in_process",
                "evaluating_results", "enqueuing_steps", "steps_in_process",
                "evaluating_results", "enqueuing_steps", "steps_in_process",
                "evaluating_results", "complete");
    }

    @Test
    void diamond_workflow_joins_both_branches() {
        UUID task = run("diamond_workflow", "diamond_pattern", Map.of("even_number", 2), TaskState.COMPLETE);
        assertThat(values(task, "diamond_start", "diamond_branch_b", "diamond_branch_c", "diamond_end"))
                .containsExactly(4L, 16L, 20L, 320L);
        tasker.tasks().steps(task).forEach(step -> assertThat(stepStates(step)).isEqualTo(SUCCESSFUL_STEP));
        assertThat(taskStates(task)).startsWith("pending", "initializing", "enqueuing_steps", "steps_in_process")
                .endsWith("evaluating_results", "complete");
    }

    @Test
    void tree_workflow_converges_four_leaves() {
        UUID task = run("tree_workflow", "hierarchical_tree", Map.of("even_number", 2), TaskState.COMPLETE);
        assertThat(values(task, "tree_root", "tree_branch_left", "tree_branch_right", "tree_leaf_d", "tree_leaf_e",
                "tree_leaf_f", "tree_leaf_g", "tree_final_convergence"))
                .containsExactly(4L, 16L, 5L, 256L, 17L, 25L, 7L, 256L * 17 * 25 * 7);
        assertThat(tasker.tasks().steps(task)).hasSize(8)
                .allSatisfy(step -> assertThat(stepStates(step)).isEqualTo(SUCCESSFUL_STEP));
    }

    @Test
    void mixed_dag_workflow_respects_every_dependency() {
        UUID task = run("mixed_dag_workflow", "complex_dag", Map.of("even_number", 2), TaskState.COMPLETE);
        assertThat(values(task, "dag_init", "dag_process_left", "dag_process_right", "dag_validate", "dag_transform",
                "dag_analyze", "dag_finalize")).containsExactly(4L, 16L, 14L, 30L, 256L, 196L, 482L);
        assertThat(tasker.tasks().steps(task)).hasSize(7)
                .allSatisfy(step -> assertThat(stepStates(step)).isEqualTo(SUCCESSFUL_STEP));
        // Each step became claimable only after all of its parents were complete.
        Map<String, List<String>> parents = Map.of(
                "dag_validate", List.of("dag_process_left", "dag_process_right"),
                "dag_transform", List.of("dag_process_left"),
                "dag_analyze", List.of("dag_process_right"),
                "dag_finalize", List.of("dag_validate", "dag_transform", "dag_analyze"));
        parents.forEach((child, dependencies) -> dependencies.forEach(parent ->
                assertThat(enqueuedAt(task, child)).as(child + " after " + parent)
                        .isAfterOrEqualTo(completedAt(task, parent))));
    }

    @Test
    void order_fulfillment_ships_a_paid_order() {
        UUID task = runOrder("order-1001", "tok_visa", TaskState.COMPLETE);
        StepView ship = step(task, "ship_order");
        assertThat(ship.row().results().path("tracking_number").asString()).isEqualTo("trk-order-1001");
        assertThat(ship.row().results().path("payment_id").asString()).isEqualTo("pay-order-1001");
        assertThat(step(task, "process_payment").row().results().path("amount_charged").asLong()).isEqualTo(2 * 1250 + 399);
        tasker.tasks().steps(task).forEach(step -> assertThat(stepStates(step)).isEqualTo(SUCCESSFUL_STEP));
    }

    @Test
    void order_fulfillment_retries_a_busy_payment_gateway_within_two_attempts() {
        UUID task = runOrder("order-1002", "tok_busy", TaskState.COMPLETE);
        StepView payment = step(task, "process_payment");
        assertThat(payment.row().attempts()).isEqualTo(2);
        assertThat(payment.row().results().path("attempt").asInt()).isEqualTo(2);
        List<String> states = stepStates(payment);
        assertThat(states).containsSubsequence("in_progress", "enqueued_as_error_for_orchestration",
                "waiting_for_retry", "pending", "enqueued", "in_progress", "enqueued_for_orchestration", "complete");
    }

    @Test
    void order_fulfillment_stops_at_a_declined_card() {
        UUID task = runOrder("order-1003", "tok_declined", TaskState.ERROR);
        StepView payment = step(task, "process_payment");
        assertThat(payment.state().dbValue()).isEqualTo("error");
        assertThat(payment.row().attempts()).as("a permanent error is not retried").isEqualTo(1);
        assertThat(payment.row().results().path("error").path("message").asString()).isEqualTo("card declined");
        assertThat(step(task, "ship_order").state().dbValue()).isEqualTo("pending");
        assertThat(taskStates(task)).endsWith("evaluating_results", "blocked_by_failures", "error");
    }

    @Test
    void a_step_that_fails_twice_succeeds_on_its_third_attempt() {
        UUID task = run("retry_workflows", "retry_then_succeed", Map.of("even_number", 4), TaskState.COMPLETE);
        StepView flaky = step(task, "flaky_step");
        assertThat(flaky.row().attempts()).isEqualTo(3);
        assertThat(flaky.row().results().path("succeeded_on_attempt").asInt()).isEqualTo(3);
        List<String> expected = new java.util.ArrayList<>(List.of("pending"));
        for (int attempt = 1; attempt <= 2; attempt++) {
            expected.addAll(FAILED_ATTEMPT);
            expected.addAll(List.of("waiting_for_retry", "pending"));
        }
        expected.addAll(List.of("enqueued", "in_progress", "enqueued_for_orchestration", "complete"));
        assertThat(stepStates(flaky)).isEqualTo(expected);
        assertThat(step(task, "after_flaky").row().results().path("value").asLong()).isEqualTo(16);
        assertThat(auditTrail(task)).extracting(row -> row.split("\\|")[0])
                .containsExactly("false", "false", "true", "true");
        assertThat(taskStates(task)).contains("waiting_for_retry").endsWith("complete");
    }

    @Test
    void a_step_that_always_fails_exhausts_its_attempts_and_the_task_errors() {
        UUID task = run("retry_workflows", "retry_exhaustion", Map.of("even_number", 4), TaskState.ERROR);
        StepView doomed = step(task, "doomed_step");
        assertThat(doomed.row().attempts()).isEqualTo(3);
        assertThat(doomed.state().dbValue()).isEqualTo("error");
        assertThat(stepStates(doomed)).endsWith("in_progress", "enqueued_as_error_for_orchestration", "error")
                .filteredOn("waiting_for_retry"::equals).hasSize(2);
        assertThat(step(task, "never_runs").state().dbValue()).isEqualTo("pending");
        assertThat(taskStates(task)).endsWith("blocked_by_failures", "error");
    }

    private UUID runOrder(String orderId, String token, TaskState expected) {
        Map<String, Object> order = Map.of("order_id", orderId, "payment_token", token,
                "items", List.of(Map.of("sku", "BOOK-1", "quantity", 2, "price_cents", 1250),
                        Map.of("sku", "PEN-7", "quantity", 1, "price_cents", 399)));
        CreatedTask created = tasker.createTask(TaskRequest.of("order_fulfillment", "business_workflow")
                .context(order).idempotencyKey(orderId).build());
        assertThat(tasker.awaitCompletion(created.taskUuid(), WAIT)).isEqualTo(expected);
        return created.taskUuid();
    }

    private UUID run(String namespace, String name, Map<String, Object> context, TaskState expected) {
        CreatedTask created = tasker.createTask(TaskRequest.of(namespace, name).context(context).build());
        assertThat(tasker.awaitCompletion(created.taskUuid(), WAIT)).isEqualTo(expected);
        return created.taskUuid();
    }

    /** The task's result audit rows, oldest first, as "success|step name|has worker|has execution time". */
    private List<String> auditTrail(UUID task) {
        return new io.tasker.store.jdbc.Jdbc(dataSource).query("""
                SELECT a.success || '|' || n.name || '|' || (a.worker_uuid IS NOT NULL) || '|'
                       || (a.execution_time_ms IS NOT NULL)
                FROM tasker.workflow_step_result_audit a
                JOIN tasker.workflow_steps s ON s.workflow_step_uuid = a.workflow_step_uuid
                JOIN tasker.named_steps n ON n.named_step_uuid = s.named_step_uuid
                WHERE a.task_uuid = ? ORDER BY a.recorded_at, a.workflow_step_result_audit_uuid
                """, row -> row.getString(1), task);
    }

    private List<Long> values(UUID task, String... steps) {
        return java.util.Arrays.stream(steps).map(s -> step(task, s).row().results().path("value").asLong()).toList();
    }

    private List<String> stepStates(StepView step) {
        return tasker.tasks().stepTransitions(step.row().workflowStepUuid()).stream()
                .map(WorkflowStepTransitionRow::toState).toList();
    }

    private List<String> taskStates(UUID task) {
        return tasker.tasks().taskTransitions(task).stream().map(TaskTransitionRow::toState).toList();
    }
}
