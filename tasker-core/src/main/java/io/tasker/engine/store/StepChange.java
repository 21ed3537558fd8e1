package io.tasker.engine.store;

/**
 * What else changes on a step's row when {@link TransitionWriter} moves it to a new state, one constant per kind
 * of move. The writer sets {@code current_state} itself, in the same statement that writes the transition rows;
 * these say which other columns go with the move and what else must still hold for the step to move at all.
 *
 * <p>In the SQL fragments {@code s} is the step's row, {@code c} the move ({@code results}, {@code lease_token},
 * {@code next_retry_at}, {@code backoff_seconds}, {@code expired_before}) and {@code p.now} the statement's time.
 * Every move except claiming (which {@code tasker.claim_steps} does in SQL) leaves {@code in_progress} or never
 * was in it, so each drops the lease: a late result of the attempt that held it no longer matches.
 */
public enum StepChange {

    /** Claimable: pending (or due for retry) to enqueued. */
    ENQUEUE("enqueued_at = p.now, next_retry_at = NULL", ""),

    /** An attempt's success, fenced by its lease. */
    SUCCEED("results = c.results::jsonb, processed = true, processed_at = p.now, next_retry_at = NULL, "
            + "backoff_request_seconds = NULL" + Fragments.LEASE_DROPPED, Fragments.LEASE_HELD),

    /** An attempt's failure (to waiting_for_retry or error), fenced by its lease and, when reaping, its expiry. */
    FAIL("results = c.results::jsonb, next_retry_at = c.next_retry_at, backoff_request_seconds = c.backoff_seconds"
            + Fragments.LEASE_DROPPED,
            Fragments.LEASE_HELD + " AND (c.expired_before IS NULL OR s.lease_expires_at < c.expired_before)"),

    /** A running attempt given back at shutdown: not counted, due again at once. */
    RELEASE("attempts = greatest(s.attempts - 1, 0), next_retry_at = p.now" + Fragments.LEASE_DROPPED,
            Fragments.LEASE_HELD),

    /** The task was cancelled. */
    CANCEL("next_retry_at = NULL" + Fragments.LEASE_DROPPED, ""),

    /** The task went stale: its queued and running steps fail with the given error. */
    FAIL_STALE("results = c.results::jsonb, next_retry_at = NULL" + Fragments.LEASE_DROPPED, ""),

    /** An operator resets a failed step: attempts counted afresh. */
    RESET("attempts = 0, processed = false, processed_at = NULL, next_retry_at = NULL, "
            + "backoff_request_seconds = NULL" + Fragments.LEASE_DROPPED, ""),

    /** An operator resolves a step: done, without a result. */
    RESOLVE("processed = true, processed_at = p.now, next_retry_at = NULL" + Fragments.LEASE_DROPPED, ""),

    /** An operator completes a step with the given result. */
    COMPLETE_BY_HAND("results = c.results::jsonb, processed = true, processed_at = p.now, next_retry_at = NULL"
            + Fragments.LEASE_DROPPED, "");

    private final String columns;
    private final String condition;

    StepChange(String columns, String condition) {
        this.columns = columns;
        this.condition = condition;
    }

    /** The SET list beyond {@code current_state} and {@code updated_at}. */
    String columns() {
        return columns;
    }

    /** Extra conditions (starting with AND) for the step to move; empty when its state is all that counts. */
    String condition() {
        return condition;
    }

    /** Whether a step that does not move is expected (a late result) rather than a concurrent change. */
    boolean fenced() {
        return !condition.isEmpty();
    }

    private static final class Fragments {
        static final String LEASE_DROPPED = ", in_process = false, lease_token = NULL, lease_expires_at = NULL, "
                + "claimed_by = NULL";
        static final String LEASE_HELD = " AND s.lease_token = c.lease_token";
    }
}
