package io.tasker.timer;

import io.tasker.store.Rows;
import io.tasker.store.jdbc.SqlArray;
import io.tasker.store.jdbc.Tx;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The tasks created to start later ({@code tasker.delayed_tasks}). */
final class DelayedStartStore {

    private static final String DUE = """
            SELECT task_uuid FROM tasker.delayed_tasks WHERE started_at IS NULL AND run_at <= ?
            ORDER BY run_at LIMIT ?
            """;

    private static final String STARTED = """
            UPDATE tasker.delayed_tasks SET started_at = ? WHERE task_uuid = ANY (?::uuid[]) AND started_at IS NULL
            """;

    private static final String NEXT = """
            SELECT run_at FROM tasker.delayed_tasks WHERE started_at IS NULL ORDER BY run_at LIMIT 1
            """;

    private static final String RUN_AT = "SELECT run_at FROM tasker.delayed_tasks WHERE task_uuid = ?";

    List<UUID> due(Tx tx, Instant now, int limit) {
        return tx.query(DUE, row -> row.getObject(1, UUID.class), now, limit);
    }

    void started(Tx tx, Collection<UUID> tasks, Instant now) {
        tx.update(STARTED, now, SqlArray.uuids(tasks));
    }

    /** When the next waiting task is due. */
    Optional<Instant> next(Tx tx) {
        return tx.queryOne(NEXT, row -> Rows.instant(row, "run_at"));
    }

    Optional<Instant> runAt(Tx tx, UUID taskUuid) {
        return tx.queryOne(RUN_AT, row -> Rows.instant(row, "run_at"), taskUuid);
    }
}
