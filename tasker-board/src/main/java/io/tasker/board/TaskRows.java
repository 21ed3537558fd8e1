package io.tasker.board;

import io.tasker.store.jdbc.Tx;
import java.util.List;
import java.util.UUID;

/** Reading and locking task rows inside a transaction; a task of another org is not found, like a missing one. */
final class TaskRows {

    private TaskRows() {
    }

    static BoardTask get(Tx tx, UUID orgId, String id) {
        return tx.queryOne("SELECT " + BoardRows.TASK_COLUMNS + " FROM tasker_board.tasks t WHERE t.id = ? AND t.org_id = ?",
                BoardRows::task, normalize(id), orgId).orElseThrow(() -> new BoardTaskNotFoundException(id));
    }

    /** The task, locked until the transaction ends (every change of a task's row goes through this or a CAS). */
    static BoardTask lock(Tx tx, UUID orgId, String id) {
        return tx.queryOne("SELECT " + BoardRows.TASK_COLUMNS
                        + " FROM tasker_board.tasks t WHERE t.id = ? AND t.org_id = ? FOR UPDATE", BoardRows::task,
                normalize(id), orgId).orElseThrow(() -> new BoardTaskNotFoundException(id));
    }

    /** The dependencies of {@code id} that are not completed yet, as {@code id (status)}. */
    static List<String> openDependencies(Tx tx, String id) {
        return tx.query("""
                SELECT d.depends_on || ' (' || t.status::text || ')'
                FROM tasker_board.dependencies d JOIN tasker_board.tasks t ON t.id = d.depends_on
                WHERE d.task_id = ? AND t.status <> 'completed'
                ORDER BY d.depends_on
                """, row -> row.getString(1), id);
    }

    /** The tasks that depend on {@code id}, in id order (the order every writer locks them in). */
    static List<String> dependents(Tx tx, String id) {
        return tx.query("SELECT task_id FROM tasker_board.dependencies WHERE depends_on = ? ORDER BY task_id",
                row -> row.getString(1), id);
    }

    /** Ids are lower-case hex; accept them typed in upper case too. */
    static String normalize(String id) {
        return id == null ? "" : id.strip().toLowerCase(java.util.Locale.ROOT);
    }
}
