package io.tasker.engine;

import io.tasker.state.StepState;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** One step of a task as the orchestration decision sees it. */
public record StepSnapshot(
        UUID stepUuid,
        String name,
        StepState state,
        int attempts,
        int maxAttempts,
        boolean retryable,
        Optional<Instant> nextRetryAt,
        Set<UUID> parents) {

    public StepSnapshot {
        parents = Set.copyOf(parents);
    }

    /** May run again: never tried, or retryable with attempts left. */
    public boolean retryEligible() {
        return attempts == 0 || (retryable && attempts < maxAttempts);
    }
}
