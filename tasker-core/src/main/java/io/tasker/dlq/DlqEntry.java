package io.tasker.dlq;

import io.tasker.store.rows.TaskDlqRow;

/** A dead letter entry with the template of its task. */
public record DlqEntry(TaskDlqRow row, String namespace, String taskName, String taskVersion) {
}
