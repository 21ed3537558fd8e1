package io.tasker.engine.store;

import io.tasker.Page;
import io.tasker.engine.decision.StepExpansion;
import io.tasker.state.TaskState;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.store.rows.RecordRowMapper;
import io.tasker.store.rows.TaskRow;
import io.tasker.store.rows.WorkflowStepResultAuditRow;
import io.tasker.store.rows.WorkflowStepTransitionRow;
import io.tasker.store.rows.WorkflowStepRow;
import io.tasker.task.AuditEntry;
import io.tasker.task.ExecutionContext;
import io.tasker.task.StepDetail;
import io.tasker.task.StepNotFoundException;
import io.tasker.task.TaskFilter;
import io.tasker.task.TaskNotFoundException;
import io.tasker.task.TaskView;
import io.tasker.template.TemplateKey;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** Read-side queries for the API and the CLI: listings with filters, execution context, step readiness, audit. */
public final class TaskQueries {

    private static final String FILTER = """
            FROM tasker.tasks t
            JOIN tasker.named_tasks nt ON nt.named_task_uuid = t.named_task_uuid
            JOIN tasker.task_namespaces ns ON ns.task_namespace_uuid = nt.task_namespace_uuid
            JOIN tasker.task_transitions tt ON tt.task_uuid = t.task_uuid AND tt.most_recent
            WHERE (?::text IS NULL OR ns.name = ?::text)
              AND (?::text IS NULL OR nt.name = ?::text)
              AND (?::text IS NULL OR tt.to_state = ?::text)
              AND (?::text IS NULL OR t.initiator = ?::text)
              AND (?::text IS NULL OR t.source_system = ?::text)
              AND (?::uuid IS NULL
                   OR t.correlation_id IN (SELECT f.correlation_id FROM tasker.correlation_family(?::uuid) f))
              AND (?::uuid IS NULL OR ns.org_id = ?::uuid)
              AND (?::timestamp IS NULL OR t.created_at >= ?::timestamp)
              AND (?::timestamp IS NULL OR t.created_at < ?::timestamp)
            """;

    private static final String LIST = """
            SELECT t.*, ns.name AS template_namespace, nt.name AS template_name, nt.version AS template_version,
                   tt.to_state AS current_state
            """ + FILTER + """
            ORDER BY t.created_at DESC, t.task_uuid DESC
            LIMIT ? OFFSET ?
            """;

    private static final String COUNT = "SELECT count(*) " + FILTER;

    private static final String CONTEXT = """
            SELECT total_steps, pending_steps, enqueued_steps, in_progress_steps, completed_steps, failed_steps,
                   ready_steps, execution_status, recommended_action, completion_percentage, health_status
            FROM tasker.get_task_execution_context(?)
            """;

    private static final String STEPS = """
            SELECT s.*, r.name AS step_name, r.dependencies_satisfied, r.retry_eligible, r.ready_for_execution,
                   r.total_parents, r.completed_parents, r.last_failure_at, r.next_retry_at AS effective_retry_at,
                   ARRAY(SELECT pn.name::text
                         FROM tasker.workflow_step_edges e
                         JOIN tasker.workflow_steps p ON p.workflow_step_uuid = e.from_step_uuid
                         JOIN tasker.named_steps pn ON pn.named_step_uuid = p.named_step_uuid
                         WHERE e.to_step_uuid = s.workflow_step_uuid AND e.name <> ?
                         ORDER BY pn.name) AS depends_on,
                   ARRAY(SELECT pn.name::text
                         FROM tasker.workflow_step_edges e
                         JOIN tasker.workflow_steps p ON p.workflow_step_uuid = e.from_step_uuid
                         JOIN tasker.named_steps pn ON pn.named_step_uuid = p.named_step_uuid
                         WHERE e.to_step_uuid = s.workflow_step_uuid AND e.name = ?
                         ORDER BY pn.name) AS waits_for
            FROM tasker.get_step_readiness_status(?) r
            JOIN tasker.workflow_steps s ON s.workflow_step_uuid = r.workflow_step_uuid
            ORDER BY s.created_at, s.workflow_step_uuid
            """;

    /** Recorded results, and operator actions that record none (a reset): every transition that names an actor. */
    private static final String AUDIT = """
            SELECT a.*, t.workflow_step_transition_uuid AS transition_uuid, t.created_at AS transition_at,
                   t.from_state, t.to_state, t.metadata AS transition_metadata, ns.name AS step_name,
                   tk.correlation_id AS task_correlation_id
            FROM tasker.workflow_step_transitions t
            JOIN tasker.workflow_steps s ON s.workflow_step_uuid = t.workflow_step_uuid
            JOIN tasker.tasks tk ON tk.task_uuid = s.task_uuid
            JOIN tasker.named_steps ns ON ns.named_step_uuid = s.named_step_uuid
            LEFT JOIN tasker.workflow_step_result_audit a
              ON a.workflow_step_transition_uuid = t.workflow_step_transition_uuid
            WHERE t.workflow_step_uuid = ? AND s.task_uuid = ?
              AND (a.workflow_step_result_audit_uuid IS NOT NULL OR t.metadata ->> 'actor' IS NOT NULL)
            ORDER BY coalesce(a.recorded_at, t.created_at) DESC, t.sort_key DESC
            """;

    private final Jdbc jdbc;
    private final TaskReader reader;

    public TaskQueries(Jdbc jdbc) {
        this.jdbc = jdbc;
        this.reader = new TaskReader(jdbc);
    }

    /** Tasks matching the filter, newest first. Pages count from 1. */
    public Page<TaskView> list(TaskFilter filter, int page, int perPage) {
        Object[] where = whereParameters(filter);
        long total = jdbc.queryOne(COUNT, row -> row.getLong(1), where).orElse(0L);
        Object[] parameters = java.util.Arrays.copyOf(where, where.length + 2);
        parameters[where.length] = perPage;
        parameters[where.length + 1] = (long) (page - 1) * perPage;
        RecordRowMapper<TaskRow> rows = RecordRowMapper.of(TaskRow.class);
        List<TaskView> tasks = jdbc.query(LIST, row -> new TaskView(rows.map(row),
                new TemplateKey(row.getString("template_namespace"), row.getString("template_name"),
                        row.getString("template_version")),
                TaskState.fromDb(row.getString("current_state"))), parameters);
        return new Page<>(tasks, page, perPage, total);
    }

    public TaskView task(UUID taskUuid) {
        return reader.get(taskUuid);
    }

    public ExecutionContext executionContext(UUID taskUuid) {
        return jdbc.queryOne(CONTEXT, row -> new ExecutionContext(row.getLong(1), row.getLong(2), row.getLong(3),
                row.getLong(4), row.getLong(5), row.getLong(6), row.getLong(7), row.getString(8), row.getString(9),
                row.getBigDecimal(10), row.getString(11)), taskUuid)
                .orElseThrow(() -> new TaskNotFoundException(taskUuid));
    }

    /** The task's steps with their readiness, in creation order. */
    public List<StepDetail> steps(UUID taskUuid) {
        RecordRowMapper<WorkflowStepRow> rows = RecordRowMapper.of(WorkflowStepRow.class);
        return jdbc.query(STEPS, row -> new StepDetail(rows.map(row), row.getString("step_name"),
                List.of((String[]) row.getArray("depends_on").getArray()),
                List.of((String[]) row.getArray("waits_for").getArray()),
                row.getBoolean("dependencies_satisfied"), row.getBoolean("retry_eligible"),
                row.getBoolean("ready_for_execution"), row.getInt("total_parents"), row.getInt("completed_parents"),
                row.getObject("last_failure_at", java.time.LocalDateTime.class),
                row.getObject("effective_retry_at", java.time.LocalDateTime.class)),
                StepExpansion.AWAITS_OUTCOME, StepExpansion.AWAITS_OUTCOME, taskUuid);
    }

    public StepDetail step(UUID taskUuid, UUID stepUuid) {
        reader.get(taskUuid);
        return steps(taskUuid).stream().filter(s -> s.row().workflowStepUuid().equals(stepUuid)).findFirst()
                .orElseThrow(() -> new StepNotFoundException(taskUuid, stepUuid));
    }

    /** The step's recorded results and operator actions, newest first. */
    public List<AuditEntry> audit(UUID taskUuid, UUID stepUuid) {
        step(taskUuid, stepUuid);
        RecordRowMapper<WorkflowStepResultAuditRow> rows = RecordRowMapper.of(WorkflowStepResultAuditRow.class);
        return jdbc.query(AUDIT, row -> new AuditEntry(
                row.getObject("workflow_step_result_audit_uuid") == null ? java.util.Optional.empty()
                        : java.util.Optional.of(rows.map(row)),
                row.getObject("transition_uuid", UUID.class), stepUuid, taskUuid,
                row.getObject("task_correlation_id", UUID.class),
                row.getObject("transition_at", java.time.LocalDateTime.class), row.getString("step_name"),
                row.getString("from_state"), row.getString("to_state"),
                io.tasker.store.Rows.json(row, "transition_metadata")), stepUuid, taskUuid);
    }

    /** The step's state transitions, oldest first. */
    public List<WorkflowStepTransitionRow> stepTransitions(UUID taskUuid, UUID stepUuid) {
        step(taskUuid, stepUuid);
        return reader.stepTransitions(stepUuid);
    }

    private static Object[] whereParameters(TaskFilter filter) {
        String namespace = filter.namespace().orElse(null);
        String name = filter.name().orElse(null);
        String status = filter.status().map(TaskState::dbValue).orElse(null);
        String initiator = filter.initiator().orElse(null);
        String source = filter.sourceSystem().orElse(null);
        UUID correlation = filter.correlationId().orElse(null);
        UUID org = filter.orgId().orElse(null);
        LocalDateTime from = filter.createdFrom().map(i -> LocalDateTime.ofInstant(i, ZoneOffset.UTC)).orElse(null);
        LocalDateTime to = filter.createdTo().map(i -> LocalDateTime.ofInstant(i, ZoneOffset.UTC)).orElse(null);
        return new Object[] {namespace, namespace, name, name, status, status, initiator, initiator, source, source,
                correlation, correlation, org, org, from, from, to, to};
    }
}
