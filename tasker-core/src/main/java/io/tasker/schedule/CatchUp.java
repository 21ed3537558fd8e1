package io.tasker.schedule;

import io.tasker.InvalidInputException;
import java.util.Locale;

/**
 * What a schedule does with ticks it missed while no scheduler ran (a downtime). A tick is on time when the
 * scheduler handles it within {@link TickPlan#ON_TIME} of its instant.
 */
public enum CatchUp {
    /** Missed ticks are skipped; only a tick on time fires. */
    NONE,
    /** The latest due tick fires (on time or not); earlier missed ones are skipped. */
    LAST,
    /** Every missed tick fires, oldest first. */
    ALL;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CatchUp of(String value) {
        for (CatchUp catchUp : values()) {
            if (catchUp.value().equals(value)) {
                return catchUp;
            }
        }
        throw new InvalidInputException("catch_up must be none, last or all, got '" + value + "'");
    }
}
