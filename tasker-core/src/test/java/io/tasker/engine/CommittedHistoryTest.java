package io.tasker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.tasker.Tasker;
import io.tasker.handler.StepResult;
import io.tasker.state.TaskState;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.store.rows.TaskTransitionRow;
import io.tasker.store.rows.WorkflowStepTransitionRow;
import io.tasker.task.StepDetail;
import io.tasker.task.StepView;
import io.tasker.task.TaskRequest;
import io.tasker.testing.DatabaseTest;
import io.tasker.testing.Engines;
import io.tasker.testing.Invariants;
import io.tasker.testing.Templates;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * History records committed states only (docs/how-it-works.md): one transition row per committed change, from the
 * last committed state to the new one, the states passed inside the transaction in {@code metadata.via}, in order
 * and a valid path through the state machines (Invariants checks every row of every test).
 */
@DatabaseTest
class CommittedHistoryTest {

    @Test
    void a_successful_step_and_its_task_write_one_row_per_committed_change(DataSource dataSource) {
        try (Tasker tasker = Engines.fast(dataSource).handler("ok", ctx -> StepResult.success(Map.of("ok", true)))
                .template(Templates.single("history", "ok").yaml()).start()) {
            UUID task = tasker.createTask(TaskRequest.of("history", "single").build()).taskUuid();
            assertThat(tasker.awaitCompletion(task, Duration.ofSeconds(30))).isEqualTo(TaskState.COMPLETE);

            StepView step = tasker.tasks().step(task, "only").orElseThrow();
            List<WorkflowStepTransitionRow> steps = tasker.tasks().stepTransitions(step.row().workflowStepUuid());
            assertThat(steps).extracting(WorkflowStepTransitionRow::fromState, WorkflowStepTransitionRow::toState,
                    WorkflowStepTransitionRow::states).containsExactly(
                    tuple(null, "enqueued", List.of("pending", "enqueued")),
                    tuple("enqueued", "in_progress", List.of("in_progress")),
                    tuple("in_progress", "complete", List.of("enqueued_for_orchestration", "complete")));
            assertThat(steps.getLast().metadata().path("event").asString()).isEqualTo("complete");

            List<TaskTransitionRow> tasks = tasker.tasks().taskTransitions(task);
            assertThat(tasks).extracting(TaskTransitionRow::fromState, TaskTransitionRow::toState).containsExactly(
                    tuple(null, "steps_in_process"), tuple("steps_in_process", "complete"));
            assertThat(tasks.getLast().states()).containsExactly("evaluating_results", "complete");

            Jdbc jdbc = new Jdbc(dataSource);
            assertThat(jdbc.query("SELECT success FROM tasker.workflow_step_result_audit WHERE workflow_step_uuid = ?",
                    row -> row.getBoolean(1), step.row().workflowStepUuid()))
                    .as("the collapsed row still records the attempt's result once").containsExactly(true);
            Invariants.check(dataSource);
        }
    }

    @Test
    void a_failed_attempt_is_one_row_through_the_error_state_and_is_audited_and_counted_for_backoff(
            DataSource dataSource) {
        try (Tasker tasker = Engines.fast(dataSource)
                .handler("flaky", ctx -> ctx.attempt() == 1 ? StepResult.retryableFailure("once", Duration.ZERO)
                        : StepResult.success(Map.of()))
                .template(Templates.single("history", "flaky").options("only", "retry: {max_attempts: 2}").yaml())
                .start()) {
            UUID task = tasker.createTask(TaskRequest.of("history", "single").build()).taskUuid();
            assertThat(tasker.awaitCompletion(task, Duration.ofSeconds(30))).isEqualTo(TaskState.COMPLETE);

            StepView step = tasker.tasks().step(task, "only").orElseThrow();
            List<WorkflowStepTransitionRow> rows = tasker.tasks().stepTransitions(step.row().workflowStepUuid());
            WorkflowStepTransitionRow failed = rows.stream()
                    .filter(r -> r.states().contains("enqueued_as_error_for_orchestration")).findFirst().orElseThrow();
            assertThat(failed.fromState()).isEqualTo("in_progress");
            assertThat(failed.states()).startsWith("enqueued_as_error_for_orchestration");
            assertThat(rows.stream().flatMap(r -> r.states().stream()).toList()).containsSubsequence(
                    "in_progress", "enqueued_as_error_for_orchestration", "waiting_for_retry", "in_progress",
                    "enqueued_for_orchestration", "complete");

            Jdbc jdbc = new Jdbc(dataSource);
            assertThat(jdbc.query("""
                    SELECT success FROM tasker.workflow_step_result_audit WHERE workflow_step_uuid = ?
                    ORDER BY recorded_at""", row -> row.getBoolean(1), step.row().workflowStepUuid()))
                    .as("both attempts audited").containsExactly(false, true);
            assertThat(tasker.queries().steps(task)).singleElement().extracting(StepDetail::lastFailureAt)
                    .as("readiness sees the failure inside via").isNotNull();
            Invariants.check(dataSource);
        }
    }
}
