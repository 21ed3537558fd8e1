package io.tasker.dlq;

import io.tasker.store.rows.DlqReason;
import java.time.Instant;
import java.util.UUID;

/** An open entry in the order operators should look at them: most important task first, then the oldest. */
public record InvestigationItem(UUID dlqEntryUuid, UUID taskUuid, DlqReason reason, String originalState,
                                Instant dlqTimestamp, int priority, String namespace, String taskName,
                                String taskVersion, UUID correlationId, double minutesInDlq) {
}
