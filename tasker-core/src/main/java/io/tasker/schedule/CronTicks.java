package io.tasker.schedule;

import io.tasker.store.jdbc.Tx;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Fires each tick of a cron owner exactly once, however many processes try: {@link #claim} inserts
 * {@code (owner, tick)} into {@code tasker.cron_ticks}, which only one transaction can do (a second one waits for
 * the first to commit, then finds the row). Claim in the same transaction that does the tick's work (creates its
 * task), so the tick and its work commit together or not at all.
 *
 * <p>An owner names what ticks, e.g. {@code schedule:<uuid>} for a template schedule or {@code data:<source>} for
 * a data source; 1 to 200 characters.
 */
public final class CronTicks {

    /** What became of a tick. */
    public enum Outcome {
        /** Its work ran (a task was created). */
        FIRED,
        /** Skipped because the previous run had not finished ({@code overlap: skip}). */
        SKIPPED,
        /** Missed during a downtime and not caught up ({@code catch_up}). */
        MISSED,
        /** Its work could not be done (e.g. the task's context no longer fits the template); the error is kept. */
        FAILED
    }

    /** How long ticks are remembered; older ones are removed by {@link #forget}. */
    public static final Duration KEPT_FOR = Duration.ofDays(30);

    private static final String CLAIM = """
            INSERT INTO tasker.cron_ticks (owner, tick_at, outcome, recorded_at)
            VALUES (?, ?, ?, ?)
            ON CONFLICT (owner, tick_at) DO NOTHING
            RETURNING owner
            """;

    private static final String ATTACH = "UPDATE tasker.cron_ticks SET task_uuid = ? WHERE owner = ? AND tick_at = ?";

    private static final String FAILED = """
            UPDATE tasker.cron_ticks SET outcome = 'failed', error = ? WHERE owner = ? AND tick_at = ?
            """;

    private static final String FORGET = "DELETE FROM tasker.cron_ticks WHERE tick_at < ?";

    private CronTicks() {
    }

    /**
     * Claims the tick for this transaction; false when another transaction has (or had) it.
     *
     * @param outcome what this transaction does with it
     */
    public static boolean claim(Tx tx, String owner, Instant tick, Outcome outcome, Instant now) {
        check(owner);
        return tx.queryOne(CLAIM, row -> row.getString(1), owner, tick, outcome.name().toLowerCase(java.util.Locale.ROOT),
                now).isPresent();
    }

    /** Records the task a claimed tick created. */
    public static void attachTask(Tx tx, String owner, Instant tick, UUID taskUuid) {
        tx.update(ATTACH, taskUuid, owner, tick);
    }

    /** Records that a claimed tick's work failed, and why. */
    public static void failed(Tx tx, String owner, Instant tick, String error) {
        tx.update(FAILED, error.length() > 1000 ? error.substring(0, 1000) : error, owner, tick);
    }

    /** Removes ticks older than {@link #KEPT_FOR}; returns how many. */
    public static int forget(Tx tx, Instant now) {
        return tx.update(FORGET, now.minus(KEPT_FOR));
    }

    private static void check(String owner) {
        Objects.requireNonNull(owner, "owner");
        if (owner.isEmpty() || owner.length() > 200) {
            throw new IllegalArgumentException("a cron owner is 1 to 200 characters");
        }
    }
}
