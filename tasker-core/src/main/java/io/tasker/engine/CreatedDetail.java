package io.tasker.engine;

import io.tasker.state.StepState;
import io.tasker.state.TaskState;
import io.tasker.store.rows.TaskRow;
import io.tasker.store.rows.WorkflowStepRow;
import io.tasker.task.ExecutionContext;
import io.tasker.task.StepDetail;
import io.tasker.task.TaskDetail;
import io.tasker.task.TaskView;
import io.tasker.template.TemplateKey;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A task's detail made from the rows its creation transaction just wrote, so that creation can answer without
 * reading them back. It says what {@code tasker.get_task_execution_context} and {@code get_step_readiness_status}
 * say of a task nobody has touched yet: no step has run, failed or settled a dependency, so a step's parents are
 * all unsettled, it may run once, and it is ready exactly when it is pending with no parents. TaskApiTest checks
 * that the answer equals a read of the same task.
 */
final class CreatedDetail {

    private CreatedDetail() {
    }

    /**
     * @param parents the names of each step's parents, by step name
     * @param names   each step's name, by step row
     */
    static TaskDetail of(TaskRow task, TemplateKey template, TaskState state, List<WorkflowStepRow> stepRows,
                         Map<UUID, String> names, Map<String, List<String>> parents) {
        List<StepDetail> steps = stepRows.stream()
                .sorted(Comparator.comparing((WorkflowStepRow s) -> s.createdAt())
                        .thenComparing(s -> s.workflowStepUuid().toString()))
                .map(row -> step(row, names.get(row.workflowStepUuid()),
                        parents.getOrDefault(names.get(row.workflowStepUuid()), List.of())))
                .toList();
        return new TaskDetail(new TaskView(task, template, state), context(steps), steps);
    }

    private static StepDetail step(WorkflowStepRow row, String name, List<String> parents) {
        boolean noParents = parents.isEmpty();
        boolean ready = StepState.fromDb(row.currentState()) == StepState.PENDING && noParents;
        // creation writes only template-dependency edges, so nothing is waited for beyond them yet
        return new StepDetail(row, name, parents.stream().sorted().toList(), List.of(), noParents, true, ready,
                parents.size(), 0, null, null);
    }

    private static ExecutionContext context(List<StepDetail> steps) {
        long total = steps.size();
        long pending = steps.stream().filter(s -> s.state() == StepState.PENDING).count();
        long enqueued = steps.stream().filter(s -> s.state() == StepState.ENQUEUED).count();
        long ready = steps.stream().filter(StepDetail::readyForExecution).count();
        String status = ready > 0 ? "has_ready_steps" : enqueued > 0 ? "processing"
                : total == 0 ? "all_complete" : "waiting_for_dependencies";
        String action = switch (status) {
            case "has_ready_steps" -> "execute_ready_steps";
            case "processing" -> "wait_for_completion";
            case "all_complete" -> "finalize_task";
            default -> "wait_for_dependencies";
        };
        // round(0 * 100 / total, 2) in SQL: 0.00, or a plain 0 when there are no steps
        BigDecimal percentage = total == 0 ? BigDecimal.ZERO : new BigDecimal("0.00");
        return new ExecutionContext(total, pending, enqueued, 0, 0, 0, ready, status, action, percentage,
                "healthy");
    }
}
