package io.tasker.engine.store;

import io.tasker.store.jdbc.SqlArray;
import io.tasker.store.jdbc.Tx;
import java.util.Collection;
import java.util.Set;
import java.util.UUID;

/**
 * LISTEN/NOTIFY channels. Channel names are constants; payloads are validated namespace names (a-z, 0-9, _),
 * UUIDs or numbers, never free text. Notifications are sent inside the transaction and delivered when it commits.
 */
public final class Notifications {

    /** Payload: the namespace whose steps became claimable. */
    public static final String STEPS_READY = "tasker_steps_ready";
    /** Payload: the uuid of a cancelled task, so engines interrupt its running handlers. */
    public static final String TASK_CANCELLED = "tasker_task_cancelled";
    /**
     * Payload: uuids of tasks that finished, comma separated (at most 200). Sent by the trigger on
     * {@code tasker.tasks} whatever finished them, so waiters (long polls, parent tasks) wake in every engine.
     */
    public static final String TASKS_FINISHED = "tasker_tasks_finished";
    /**
     * Payload: when the earliest retry written by the transaction is due, in epoch milliseconds, so that every
     * scheduler wakes in time for it rather than at its next poll.
     */
    public static final String RETRY_SCHEDULED = "tasker_retry_scheduled";

    /** Every channel, for listeners; a listener accepts no other. */
    public static final java.util.List<String> CHANNELS = java.util.List.of(STEPS_READY, TASK_CANCELLED,
            TASKS_FINISHED, RETRY_SCHEDULED);

    private Notifications() {
    }

    public static void stepsReady(Tx tx, Collection<String> namespaces) {
        if (!namespaces.isEmpty()) {
            tx.query("SELECT pg_notify(?, ns) FROM unnest(?::text[]) AS ns", row -> null,
                    STEPS_READY, SqlArray.texts(namespaces));
        }
    }

    public static void retryScheduled(Tx tx, java.time.Instant due) {
        tx.query("SELECT pg_notify(?, ?)", row -> null, RETRY_SCHEDULED, Long.toString(due.toEpochMilli()));
    }

    public static void taskCancelled(Tx tx, UUID taskUuid) {
        tx.query("SELECT pg_notify(?, ?)", row -> null, TASK_CANCELLED, taskUuid.toString());
    }
}
