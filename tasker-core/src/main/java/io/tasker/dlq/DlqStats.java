package io.tasker.dlq;

import io.tasker.store.rows.DlqReason;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Counts of entries, per reason and in all ({@code tasker.v_dlq_dashboard}). */
public record DlqStats(List<ReasonCounts> byReason, long total, long pending, Optional<Instant> oldestPendingAt) {

    public DlqStats {
        byReason = List.copyOf(byReason);
    }

    /** One reason's entries by resolution status. */
    public record ReasonCounts(DlqReason reason, long total, long pending, long manuallyResolved,
                               long permanentlyFailed, long cancelled, Optional<Instant> oldestPendingAt,
                               Optional<Double> averageResolutionMinutes) {
    }
}
