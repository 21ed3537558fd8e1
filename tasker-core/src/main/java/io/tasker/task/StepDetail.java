package io.tasker.task;

import io.tasker.state.StepState;
import io.tasker.store.rows.WorkflowStepRow;
import java.time.LocalDateTime;

/**
 * A step with its readiness ({@code tasker.get_step_readiness_status}) and the names of the steps it depends on.
 *
 * @param dependsOn the steps made from its template dependencies (its parents in the template's sense)
 * @param waitsFor  decision or batchable steps it also waited for, as a convergence step, because they might have
 *                  created one of its dependencies; not template dependencies
 */
public record StepDetail(WorkflowStepRow row, String name, java.util.List<String> dependsOn,
                         java.util.List<String> waitsFor,
                         boolean dependenciesSatisfied, boolean retryEligible, boolean readyForExecution,
                         int totalParents, int completedParents, LocalDateTime lastFailureAt,
                         LocalDateTime nextRetryAt) {

    public StepDetail {
        dependsOn = java.util.List.copyOf(dependsOn);
        waitsFor = java.util.List.copyOf(waitsFor);
    }

    public StepState state() {
        return StepState.fromDb(row.currentState());
    }
}
