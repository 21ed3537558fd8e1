package io.tasker.engine.decision;

import io.tasker.state.StepState;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * One step of a task as the orchestration decision sees it.
 *
 * @param batch for a batch worker: its batch and the batch's rules
 */
public record StepSnapshot(
        UUID stepUuid,
        String name,
        StepState state,
        int attempts,
        int maxAttempts,
        boolean retryable,
        Optional<Instant> nextRetryAt,
        Set<UUID> parents,
        Optional<BatchMembership> batch) {

    /** Failure strategies of a batch ({@code batch_config.failure_strategy}). */
    public enum FailureStrategy {
        /** A failed worker counts as finished: the others and then the convergence step run. */
        CONTINUE_ON_FAILURE,
        /** A failed worker stops the batch: no further worker starts; the task fails. */
        FAIL_FAST,
        /** A failed worker does not stop its siblings, but the convergence waits until it is repaired. */
        ISOLATE;

        public static FailureStrategy fromConfig(String value) {
            return switch (value) {
                case "fail_fast" -> FAIL_FAST;
                case "isolate" -> ISOLATE;
                default -> CONTINUE_ON_FAILURE;
            };
        }
    }

    /**
     * A batch worker's batch.
     *
     * @param group       the worker template the batch's workers were made from
     * @param parallelism how many workers of the batch may run at once
     */
    public record BatchMembership(String group, int parallelism, FailureStrategy failureStrategy) {
    }

    public StepSnapshot {
        parents = Set.copyOf(parents);
    }

    public StepSnapshot(UUID stepUuid, String name, StepState state, int attempts, int maxAttempts, boolean retryable,
                        Optional<Instant> nextRetryAt, Set<UUID> parents) {
        this(stepUuid, name, state, attempts, maxAttempts, retryable, nextRetryAt, parents, Optional.empty());
    }

    /** May run again: never tried, or retryable with attempts left. */
    public boolean retryEligible() {
        return attempts == 0 || (retryable && attempts < maxAttempts);
    }

    /** A batch worker that failed where its batch tolerates failures: it counts as finished. */
    public boolean failureTolerated() {
        return state == StepState.ERROR
                && batch.map(b -> b.failureStrategy() == FailureStrategy.CONTINUE_ON_FAILURE).orElse(false);
    }

    /** Lets the steps that depend on it run: complete, resolved manually, or a tolerated failure. */
    public boolean settlesDependency() {
        return state.satisfiesDependency() || failureTolerated();
    }
}
