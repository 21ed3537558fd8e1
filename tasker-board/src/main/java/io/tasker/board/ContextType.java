package io.tasker.board;

import java.util.Locale;

/** The kinds of context entry: who may read them and whether they are announced. */
public enum ContextType {
    /** Read by everyone on the board. */
    SHARED,
    /** A note only its author reads. */
    PRIVATE,
    /** Shared, and broadcast as a {@link NotificationType#DISCOVERY}. */
    DISCOVERY;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ContextType fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
