package io.tasker.task;

import io.tasker.state.StepState;
import io.tasker.store.rows.WorkflowStepRow;
import java.time.LocalDateTime;

/**
 * A step with its readiness ({@code tasker.get_step_readiness_status}) and the names of the steps it depends on.
 */
public record StepDetail(WorkflowStepRow row, String name, java.util.List<String> dependsOn,
                         boolean dependenciesSatisfied, boolean retryEligible, boolean readyForExecution,
                         int totalParents, int completedParents, LocalDateTime lastFailureAt,
                         LocalDateTime nextRetryAt) {

    public StepDetail {
        dependsOn = java.util.List.copyOf(dependsOn);
    }

    public StepState state() {
        return StepState.fromDb(row.currentState());
    }
}
