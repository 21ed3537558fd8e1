package io.tasker.board;

import java.util.Locale;

/** What a notification is about (the {@code tasker_board.notification_type} type). */
public enum NotificationType {
    /** A task the recipient takes part in was completed by someone else. */
    TASK_COMPLETED,
    /** The last open dependency of the recipient's task was completed: the task is ready. */
    TASK_UNBLOCKED,
    /** A task was assigned to the recipient. */
    TASK_ASSIGNED,
    /** A task the recipient takes part in, or one its task waits for, was cancelled. */
    TASK_CANCELLED,
    /** The recipient's claim lapsed without a heartbeat; the task is ready for others. */
    LEASE_EXPIRED,
    /** Broadcast: an agent shared a finding. */
    DISCOVERY,
    /** Broadcast: a task was created as, or raised to, critical. */
    CRITICAL;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static NotificationType fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
