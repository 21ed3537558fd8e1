package io.tasker.board;

import io.tasker.json.Json;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.store.jdbc.Tx;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The board's audit log: every change writes its row in the transaction that makes the change, so the log and the
 * board never disagree. A task's history ({@code show ID --history}) is its rows in order.
 */
public final class AuditLog {

    private final Jdbc jdbc;

    AuditLog(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Writes one audit row in {@code tx}. */
    static void record(Tx tx, Agent agent, String entityType, String entityId, String taskId, String action,
                       JsonNode changes, Instant at) {
        tx.update("""
                INSERT INTO tasker_board.audit_log (org_id, entity_type, entity_id, task_id, action, agent_id, user_id,
                    changes, "timestamp")
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, agent.orgId(), entityType, entityId, taskId, action, agent.name(), agent.user().orElse(null),
                changes, BoardRows.tz(at));
    }

    /** Writes a task row's change: only the fields that differ between {@code before} and {@code after}. */
    static void taskChange(Tx tx, Agent agent, String action, BoardTask before, BoardTask after, Instant at) {
        record(tx, agent, "task", after.id(), after.id(), action, diff(before, after), at);
    }

    /** The fields a task is created with (the start of its replayable history). */
    static ObjectNode snapshot(BoardTask task) {
        ObjectNode fields = Json.object();
        fields.put("title", task.title());
        fields.put("description", task.description().orElse(null));
        fields.put("status", task.status().dbValue());
        fields.put("priority", task.priority().dbValue());
        fields.put("assignee", task.assignee().orElse(null));
        fields.put("claimed_by", task.claimedBy().orElse(null));
        fields.put("lease_expires_at", task.leaseExpires().map(Instant::toString).orElse(null));
        fields.put("summary", task.summary().orElse(null));
        return fields;
    }

    /** {@code {"field": [before, after]}} for each field that changed. */
    static ObjectNode diff(BoardTask before, BoardTask after) {
        ObjectNode old = snapshot(before);
        ObjectNode now = snapshot(after);
        ObjectNode changes = Json.object();
        now.propertyNames().forEach(field -> {
            if (!Objects.equals(old.get(field), now.get(field))) {
                changes.putArray(field).add(old.get(field)).add(now.get(field));
            }
        });
        return changes;
    }

    /** Every audit row about a task (its own changes, dependencies, context, files, participants), oldest first. */
    public List<AuditRecord> history(UUID orgId, String taskId) {
        return jdbc.query("""
                SELECT id, entity_type, entity_id, task_id, action, agent_id, user_id, changes, "timestamp"
                FROM tasker_board.audit_log WHERE org_id = ? AND task_id = ? ORDER BY id
                """, AuditLog::row, orgId, taskId);
    }

    /** The org's most recent audit rows, newest first. */
    public List<AuditRecord> recent(UUID orgId, int limit) {
        return jdbc.query("""
                SELECT id, entity_type, entity_id, task_id, action, agent_id, user_id, changes, "timestamp"
                FROM tasker_board.audit_log WHERE org_id = ? ORDER BY id DESC LIMIT ?
                """, AuditLog::row, orgId, limit);
    }

    private static AuditRecord row(ResultSet row) throws SQLException {
        String changes = row.getString("changes");
        return new AuditRecord(row.getLong("id"), row.getString("entity_type"), row.getString("entity_id"),
                Optional.ofNullable(row.getString("task_id")), row.getString("action"), row.getString("agent_id"),
                Optional.ofNullable(row.getObject("user_id", UUID.class)),
                changes == null ? Json.object() : Json.parse(changes), BoardRows.instant(row, "timestamp"));
    }
}
