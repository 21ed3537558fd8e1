package io.tasker.dlq;

import io.tasker.ConflictException;
import io.tasker.NotFoundException;
import io.tasker.Page;
import io.tasker.json.Json;
import io.tasker.state.IllegalTransitionException;
import io.tasker.state.TaskState;
import io.tasker.store.Rows;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.store.rows.DlqReason;
import io.tasker.store.rows.DlqResolutionStatus;
import io.tasker.store.rows.RecordRowMapper;
import io.tasker.store.rows.TaskDlqRow;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** What operators do with the dead letter queue: list, inspect, count, close entries, and send a task there. */
public final class DeadLetterQueue {

    private static final String ENTRY_COLUMNS = """
            d.*, ns.name AS namespace_name, nt.name AS task_name, nt.version AS task_version
            FROM tasker.tasks_dlq d
            JOIN tasker.tasks t ON t.task_uuid = d.task_uuid
            JOIN tasker.named_tasks nt ON nt.named_task_uuid = t.named_task_uuid
            JOIN tasker.task_namespaces ns ON ns.task_namespace_uuid = nt.task_namespace_uuid
            """;

    private static final String FILTER = """
            WHERE (?::tasker.dlq_resolution_status IS NULL OR d.resolution_status = ?::tasker.dlq_resolution_status)
              AND (?::tasker.dlq_reason IS NULL OR d.dlq_reason = ?::tasker.dlq_reason)
              AND (?::text IS NULL OR ns.name = ?::text)
              AND (?::uuid IS NULL OR ns.org_id = ?::uuid)
            """;

    private static final String LIST = "SELECT " + ENTRY_COLUMNS + FILTER
            + " ORDER BY d.dlq_timestamp DESC, d.dlq_entry_uuid DESC LIMIT ? OFFSET ?";

    private static final String COUNT = "SELECT count(*) FROM (SELECT 1 " + ENTRY_COLUMNS.substring(
            ENTRY_COLUMNS.indexOf("FROM")) + FILTER + ") matching";

    private static final String BY_TASK = "SELECT " + ENTRY_COLUMNS
            + " WHERE d.task_uuid = ? ORDER BY d.dlq_timestamp DESC, d.dlq_entry_uuid DESC";

    private static final String BY_UUID = "SELECT " + ENTRY_COLUMNS + " WHERE d.dlq_entry_uuid = ?";

    private static final String UPDATE = """
            UPDATE tasker.tasks_dlq
            SET resolution_status = ?::tasker.dlq_resolution_status,
                resolution_timestamp = CASE WHEN ?::tasker.dlq_resolution_status = 'pending' THEN NULL ELSE ? END,
                resolution_notes = coalesce(?, resolution_notes),
                resolved_by = CASE WHEN ?::tasker.dlq_resolution_status = 'pending' THEN NULL ELSE ? END,
                metadata = coalesce(metadata, '{}'::jsonb) || coalesce(?::jsonb, '{}'::jsonb),
                updated_at = ?
            WHERE dlq_entry_uuid = ? AND resolution_status = 'pending'
            RETURNING dlq_entry_uuid
            """;

    private static final String DASHBOARD = """
            SELECT dlq_reason, total_entries, pending, manually_resolved, permanently_failed, cancelled,
                   oldest_pending_at, avg_resolution_minutes
            FROM tasker.v_dlq_dashboard ORDER BY dlq_reason
            """;

    private static final String INVESTIGATION = """
            SELECT dlq_entry_uuid, task_uuid, dlq_reason, original_state, dlq_timestamp, priority, namespace_name,
                   task_name, task_version, correlation_id
            FROM tasker.v_dlq_investigation_queue
            ORDER BY priority DESC, dlq_timestamp, dlq_entry_uuid
            LIMIT ?
            """;

    private static final String STALENESS = """
            SELECT * FROM tasker.task_staleness(?)
            WHERE (?::text IS NULL OR health_status = ?::text)
            ORDER BY staleness_percent DESC, task_uuid
            LIMIT ?
            """;

    private static final String TASK_STATE = """
            SELECT to_state FROM tasker.task_transitions WHERE task_uuid = ? AND most_recent
            """;

    private final Jdbc jdbc;
    private final DeadLetterStore deadLetters;
    private final Clock clock;

    public DeadLetterQueue(Jdbc jdbc, DeadLetterStore deadLetters, Clock clock) {
        this.jdbc = jdbc;
        this.deadLetters = deadLetters;
        this.clock = clock;
    }

    /** Entries matching the filter, newest first. Pages count from 1. */
    public Page<DlqEntry> list(DlqFilter filter, int page, int perPage) {
        Object[] where = {filter.status().orElse(null), filter.status().orElse(null),
                filter.reason().orElse(null), filter.reason().orElse(null),
                filter.namespace().orElse(null), filter.namespace().orElse(null),
                filter.orgId().orElse(null), filter.orgId().orElse(null)};
        long total = jdbc.queryOne(COUNT, row -> row.getLong(1), where).orElse(0L);
        Object[] parameters = new Object[where.length + 2];
        System.arraycopy(where, 0, parameters, 0, where.length);
        parameters[where.length] = perPage;
        parameters[where.length + 1] = (long) (page - 1) * perPage;
        return new Page<>(jdbc.query(LIST, DeadLetterQueue::entry, parameters), page, perPage, total);
    }

    /** Every entry of a task, newest first (empty when it never had one). */
    public List<DlqEntry> forTask(UUID taskUuid) {
        return jdbc.query(BY_TASK, DeadLetterQueue::entry, taskUuid);
    }

    public DlqEntry get(UUID entryUuid) {
        return jdbc.queryOne(BY_UUID, DeadLetterQueue::entry, entryUuid)
                .orElseThrow(() -> new DlqEntryNotFoundException(entryUuid));
    }

    /**
     * Records an investigation's outcome on a pending entry: a final status ({@code manually_resolved},
     * {@code permanently_failed}, {@code cancelled}) closes it with who and when; {@code pending} only adds notes.
     * Closing an entry does not change its task: repair a task with the step actions, or cancel it.
     *
     * @throws IllegalTransitionException the entry is closed already
     */
    public DlqEntry update(UUID entryUuid, DlqResolutionStatus status, Optional<String> notes, String resolvedBy,
                           Optional<JsonNode> metadata) {
        Instant now = clock.instant();
        Optional<UUID> updated = jdbc.inTransaction(tx -> tx.queryOne(UPDATE, row -> row.getObject(1, UUID.class),
                status, status, now, notes.orElse(null), status, resolvedBy, metadata.orElse(null), now, entryUuid));
        if (updated.isEmpty()) {
            DlqEntry existing = get(entryUuid);
            throw new IllegalTransitionException("dead letter entry " + entryUuid + " is "
                    + DlqEnums.dbValue(existing.row().resolutionStatus()) + " already; only pending entries change");
        }
        return get(entryUuid);
    }

    /** Counts per reason and in all. */
    public DlqStats stats() {
        List<DlqStats.ReasonCounts> byReason = jdbc.query(DASHBOARD, row -> new DlqStats.ReasonCounts(
                DlqEnums.parse(DlqReason.class, "dlq_reason", row.getString("dlq_reason")),
                row.getLong("total_entries"), row.getLong("pending"), row.getLong("manually_resolved"),
                row.getLong("permanently_failed"), row.getLong("cancelled"),
                Optional.ofNullable(Rows.instant(row, "oldest_pending_at")),
                Optional.ofNullable(row.getBigDecimal("avg_resolution_minutes")).map(Number::doubleValue)));
        long total = byReason.stream().mapToLong(DlqStats.ReasonCounts::total).sum();
        long pending = byReason.stream().mapToLong(DlqStats.ReasonCounts::pending).sum();
        Optional<Instant> oldest = byReason.stream().flatMap(r -> r.oldestPendingAt().stream())
                .min(Instant::compareTo);
        return new DlqStats(byReason, total, pending, oldest);
    }

    /** Open entries, most important task first, then the oldest. */
    public List<InvestigationItem> investigationQueue(int limit) {
        Instant now = clock.instant();
        return jdbc.query(INVESTIGATION, row -> {
            Instant at = Rows.instant(row, "dlq_timestamp");
            return new InvestigationItem(row.getObject("dlq_entry_uuid", UUID.class),
                    row.getObject("task_uuid", UUID.class),
                    DlqEnums.parse(DlqReason.class, "dlq_reason", row.getString("dlq_reason")),
                    row.getString("original_state"), at, row.getInt("priority"), row.getString("namespace_name"),
                    row.getString("task_name"), row.getString("task_version"),
                    row.getObject("correlation_id", UUID.class),
                    Math.round(Duration.between(at, now).toSeconds() / 6.0) / 10.0);
        }, limit);
    }

    /** Unfinished tasks with their staleness, the stalest first; {@code health} keeps only one status. */
    public List<TaskStaleness> staleness(Optional<String> health, int limit) {
        String status = health.orElse(null);
        return jdbc.query(STALENESS, DeadLetterQueue::staleness, clock.instant(), status, status,
                limit);
    }

    /**
     * Sends a task to the queue by hand ({@code manual_dlq}) for someone to look at; the task itself goes on as it
     * was.
     *
     * @throws ConflictException the task has a pending entry already
     */
    public DlqEntry sendToDlq(UUID taskUuid, Optional<String> notes, String requestedBy) {
        Instant now = clock.instant();
        UUID entry = jdbc.inTransaction(tx -> {
            String state = tx.queryOne(TASK_STATE, row -> row.getString(1), taskUuid)
                    .orElseThrow(() -> new NotFoundException("task " + taskUuid + " does not exist"));
            ObjectNode metadata = Json.object().put("requested_by", requestedBy);
            return deadLetters.open(tx, new DeadLetterStore.Opening(taskUuid, state, DlqReason.MANUAL_DLQ,
                            DlqResolutionStatus.PENDING, notes, Optional.empty(), metadata), now)
                    .orElseThrow(() -> new ConflictException("task " + taskUuid
                            + " has a pending dead letter entry already"));
        });
        return get(entry);
    }

    private static DlqEntry entry(ResultSet row) throws SQLException {
        return new DlqEntry(RecordRowMapper.of(TaskDlqRow.class).map(row), row.getString("namespace_name"),
                row.getString("task_name"), row.getString("task_version"));
    }

    /** Reads a row of {@code tasker.task_staleness(...)}. */
    public static TaskStaleness staleness(ResultSet row) throws SQLException {
        return new TaskStaleness(row.getObject("task_uuid", UUID.class), row.getString("namespace_name"),
                row.getString("task_name"), row.getString("task_version"),
                TaskState.fromDb(row.getString("current_state")), Rows.instant(row, "state_entered_at"),
                row.getDouble("minutes_in_state"), row.getInt("threshold_minutes"), row.getDouble("task_age_minutes"),
                row.getInt("max_duration_minutes"), row.getDouble("staleness_percent"),
                row.getString("health_status"), row.getString("staleness_action"), row.getInt("priority"));
    }
}
