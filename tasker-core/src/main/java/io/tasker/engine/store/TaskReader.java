package io.tasker.engine.store;

import io.tasker.state.TaskState;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.store.rows.RecordRowMapper;
import io.tasker.store.rows.TaskRow;
import io.tasker.store.rows.TaskTransitionRow;
import io.tasker.store.rows.WorkflowStepRow;
import io.tasker.store.rows.WorkflowStepTransitionRow;
import io.tasker.task.StepView;
import io.tasker.task.TaskNotFoundException;
import io.tasker.task.TaskView;
import io.tasker.template.TemplateKey;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reads tasks, steps and their histories. */
public final class TaskReader {

    private static final String TASK = """
            SELECT t.*, ns.name AS template_namespace, nt.name AS template_name, nt.version AS template_version,
                   tt.to_state AS current_state
            FROM tasker.tasks t
            JOIN tasker.named_tasks nt ON nt.named_task_uuid = t.named_task_uuid
            JOIN tasker.task_namespaces ns ON ns.task_namespace_uuid = nt.task_namespace_uuid
            JOIN tasker.task_transitions tt ON tt.task_uuid = t.task_uuid AND tt.most_recent
            WHERE t.task_uuid = ?
            """;

    private static final String STEPS = """
            SELECT s.*, ns.name AS step_name
            FROM tasker.workflow_steps s
            JOIN tasker.named_steps ns ON ns.named_step_uuid = s.named_step_uuid
            WHERE s.task_uuid = ?
            ORDER BY s.created_at, s.workflow_step_uuid
            """;

    private final Jdbc jdbc;

    public TaskReader(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<TaskView> find(UUID taskUuid) {
        RecordRowMapper<TaskRow> rows = RecordRowMapper.of(TaskRow.class);
        return jdbc.queryOne(TASK, row -> new TaskView(rows.map(row),
                new TemplateKey(row.getString("template_namespace"), row.getString("template_name"),
                        row.getString("template_version")),
                TaskState.fromDb(row.getString("current_state"))), taskUuid);
    }

    public TaskView get(UUID taskUuid) {
        return find(taskUuid).orElseThrow(() -> new TaskNotFoundException(taskUuid));
    }

    public Optional<TaskState> state(UUID taskUuid) {
        return jdbc.queryOne("SELECT to_state FROM tasker.task_transitions WHERE task_uuid = ? AND most_recent",
                row -> TaskState.fromDb(row.getString(1)), taskUuid);
    }

    public List<StepView> steps(UUID taskUuid) {
        RecordRowMapper<WorkflowStepRow> rows = RecordRowMapper.of(WorkflowStepRow.class);
        return jdbc.query(STEPS, row -> new StepView(rows.map(row), row.getString("step_name")), taskUuid);
    }

    public Optional<StepView> step(UUID taskUuid, String stepName) {
        return steps(taskUuid).stream().filter(s -> s.name().equals(stepName)).findFirst();
    }

    public List<TaskTransitionRow> taskTransitions(UUID taskUuid) {
        return jdbc.query("SELECT * FROM tasker.task_transitions WHERE task_uuid = ? ORDER BY sort_key",
                RecordRowMapper.of(TaskTransitionRow.class), taskUuid);
    }

    public List<WorkflowStepTransitionRow> stepTransitions(UUID stepUuid) {
        return jdbc.query("SELECT * FROM tasker.workflow_step_transitions WHERE workflow_step_uuid = ? ORDER BY sort_key",
                RecordRowMapper.of(WorkflowStepTransitionRow.class), stepUuid);
    }
}
