package io.tasker.task;

import io.tasker.state.StepState;
import io.tasker.store.rows.WorkflowStepRow;

/** A step as read back: its row and its name. */
public record StepView(WorkflowStepRow row, String name) {

    public StepState state() {
        return StepState.fromDb(row.currentState());
    }
}
