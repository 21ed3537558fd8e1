package io.tasker.task;

import io.tasker.state.TaskState;
import io.tasker.store.rows.TaskRow;
import io.tasker.template.TemplateKey;

/** A task as read back: its row, its template and its current state. */
public record TaskView(TaskRow row, TemplateKey template, TaskState state) {
}
