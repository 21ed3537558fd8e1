package io.tasker.event;

import io.tasker.store.jdbc.Tx;
import io.tasker.store.rows.OutboxRow;
import io.tasker.store.rows.RecordRowMapper;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The outbox's delivery side: claiming due messages, recording how an attempt went, listing and retrying. */
final class OutboxStore {

    private static final RecordRowMapper<OutboxRow> ROW = RecordRowMapper.of(OutboxRow.class);

    /**
     * Takes due messages for one attempt: counts the attempt and moves next_attempt_at to the claim's end, so that
     * another deliverer leaves them alone while this one delivers (and takes them again if this one dies).
     */
    private static final String CLAIM = """
            UPDATE tasker.outbox o SET attempts = o.attempts + 1, next_attempt_at = ?
            WHERE o.message_uuid IN (
                SELECT d.message_uuid FROM tasker.outbox d
                WHERE d.state = 'pending' AND d.next_attempt_at <= ?
                ORDER BY d.next_attempt_at LIMIT ?
                FOR UPDATE SKIP LOCKED)
            RETURNING o.*
            """;

    private static final String DELIVERED = """
            UPDATE tasker.outbox SET state = 'delivered', delivered_at = ?, last_error = NULL
            WHERE message_uuid = ? AND state = 'pending' AND attempts = ?
            """;

    /** A failed attempt: retried at the given time, or dead when it was the last. */
    private static final String FAILED = """
            UPDATE tasker.outbox SET state = CASE WHEN attempts >= ? THEN 'dead' ELSE 'pending' END,
                                     next_attempt_at = ?, last_error = left(?, 2000)
            WHERE message_uuid = ? AND state = 'pending' AND attempts = ?
            RETURNING state
            """;

    private static final String NEXT_DUE = """
            SELECT min(next_attempt_at) AS due FROM tasker.outbox WHERE state = 'pending'
            """;

    private static final String LIST = """
            SELECT * FROM tasker.outbox WHERE state = ? AND (?::uuid IS NULL OR task_uuid = ?::uuid)
            ORDER BY created_at DESC, message_uuid DESC LIMIT ?
            """;

    private static final String RETRY = """
            UPDATE tasker.outbox SET state = 'pending', attempts = 0, next_attempt_at = ?, last_error = NULL
            WHERE message_uuid = ? AND state = 'dead'
            """;

    private OutboxStore() {
    }

    static List<OutboxRow> claim(Tx tx, Instant now, Instant until, int limit) {
        return tx.query(CLAIM, ROW, until, now, limit);
    }

    static boolean delivered(Tx tx, UUID message, int attempt, Instant now) {
        return tx.update(DELIVERED, now, message, attempt) == 1;
    }

    static Optional<String> failed(Tx tx, UUID message, int attempt, int maxAttempts, Instant retryAt,
                                   String error) {
        return tx.queryOne(FAILED, row -> row.getString("state"), maxAttempts, retryAt, error, message, attempt);
    }

    static Optional<Instant> nextDue(Tx tx) {
        return tx.queryOne(NEXT_DUE, row -> io.tasker.store.Rows.instant(row, "due"));
    }

    static List<OutboxRow> list(Tx tx, String state, Optional<UUID> task, int limit) {
        UUID taskUuid = task.orElse(null);
        return tx.query(LIST, ROW, state, taskUuid, taskUuid, limit);
    }

    static boolean retry(Tx tx, UUID message, Instant now) {
        return tx.update(RETRY, now, message) == 1;
    }
}
