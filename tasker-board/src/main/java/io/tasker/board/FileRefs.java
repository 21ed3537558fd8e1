package io.tasker.board;

import io.tasker.json.Json;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.store.jdbc.Tx;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

/** The files and line ranges tasks work on, and which in-progress tasks overlap (to avoid editing in each other). */
public final class FileRefs {

    /** A file range where another in-progress task works: its task, who holds it, and its reference. */
    public record Conflict(String taskId, String title, Optional<String> claimedBy, FileRef theirs, FileRef ours) {
    }

    private final Jdbc jdbc;

    FileRefs(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    static void add(Tx tx, Agent agent, String taskId, FileRef ref, Instant now) {
        long id = tx.queryOne("""
                INSERT INTO tasker_board.file_refs (org_id, task_id, file_path, line_start, line_end, context)
                VALUES (?, ?, ?, ?, ?, ?) RETURNING id
                """, row -> row.getLong(1), agent.orgId(), taskId, ref.path(), boxed(ref.lineStart()),
                boxed(ref.lineEnd()), ref.context().orElse(null)).orElseThrow();
        AuditLog.record(tx, agent, "file_ref", Long.toString(id), taskId, "create",
                Json.object().put("file", ref.spec()).put("context", ref.context().orElse(null)), now);
    }

    static List<FileRef> of(Tx tx, String taskId) {
        return tx.query("SELECT file_path, line_start, line_end, context FROM tasker_board.file_refs"
                + " WHERE task_id = ? ORDER BY id", FileRefs::ref, taskId);
    }

    /**
     * In-progress tasks other than {@code taskId} with a range of the same file that overlaps one of its ranges (a
     * reference without lines covers the whole file).
     */
    public List<Conflict> conflicts(UUID orgId, String taskId) {
        return jdbc.query("""
                SELECT o.task_id, t.title, t.claimed_by,
                       o.file_path, o.line_start, o.line_end, o.context,
                       m.file_path AS our_path, m.line_start AS our_start, m.line_end AS our_end, m.context AS our_context
                FROM tasker_board.file_refs m
                JOIN tasker_board.file_refs o ON o.org_id = m.org_id AND o.file_path = m.file_path AND o.task_id <> m.task_id
                JOIN tasker_board.tasks t ON t.id = o.task_id AND t.status = 'in_progress'
                WHERE m.org_id = ? AND m.task_id = ?
                  AND int4range(coalesce(o.line_start, 1), coalesce(o.line_end, o.line_start, 2147483646), '[]')
                   && int4range(coalesce(m.line_start, 1), coalesce(m.line_end, m.line_start, 2147483646), '[]')
                ORDER BY o.task_id, o.file_path, o.line_start NULLS FIRST
                """, row -> new Conflict(row.getString("task_id"), row.getString("title"),
                Optional.ofNullable(row.getString("claimed_by")), ref(row),
                new FileRef(row.getString("our_path"), optionalInt(row, "our_start"), optionalInt(row, "our_end"),
                        Optional.ofNullable(row.getString("our_context")))), orgId, taskId);
    }

    private static FileRef ref(ResultSet row) throws SQLException {
        return new FileRef(row.getString("file_path"), optionalInt(row, "line_start"), optionalInt(row, "line_end"),
                Optional.ofNullable(row.getString("context")));
    }

    private static OptionalInt optionalInt(ResultSet row, String column) throws SQLException {
        int value = row.getInt(column);
        return row.wasNull() ? OptionalInt.empty() : OptionalInt.of(value);
    }

    private static Integer boxed(OptionalInt value) {
        return value.isPresent() ? value.getAsInt() : null;
    }
}
