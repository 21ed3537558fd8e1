package io.tasker.dlq;

import io.tasker.store.jdbc.Tx;
import io.tasker.store.rows.DlqReason;
import io.tasker.store.rows.DlqResolutionStatus;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Opens dead letter entries, in the caller's transaction, with a snapshot of the task as it is at that moment. A
 * task has at most one pending entry (a unique index says so): opening another while one is pending does nothing.
 */
public final class DeadLetterStore {

    private static final String OPEN = """
            INSERT INTO tasker.tasks_dlq
                (task_uuid, original_state, dlq_reason, dlq_timestamp, resolution_status, resolution_timestamp,
                 resolution_notes, resolved_by, task_snapshot, metadata, created_at, updated_at)
            SELECT ?, ?, ?::tasker.dlq_reason, ?, ?::tasker.dlq_resolution_status, ?, ?, ?,
                   tasker.task_snapshot(?), ?::jsonb, ?, ?
            ON CONFLICT (task_uuid) WHERE resolution_status = 'pending' DO NOTHING
            RETURNING dlq_entry_uuid
            """;

    /** An entry to open; {@code status} other than pending records a closed case (e.g. staleness_action error). */
    public record Opening(UUID taskUuid, String originalState, DlqReason reason, DlqResolutionStatus status,
                          Optional<String> notes, Optional<String> resolvedBy, JsonNode metadata) {
    }

    /** Opens the entry; empty when the task already has a pending one. */
    public Optional<UUID> open(Tx tx, Opening entry, Instant now) {
        boolean closed = entry.status() != DlqResolutionStatus.PENDING;
        return tx.queryOne(OPEN, row -> row.getObject(1, UUID.class),
                entry.taskUuid(), entry.originalState(), DlqEnums.dbValue(entry.reason()), now,
                DlqEnums.dbValue(entry.status()), closed ? now : null, entry.notes().orElse(null),
                entry.resolvedBy().orElse(null), entry.taskUuid(), entry.metadata(), now, now);
    }
}
