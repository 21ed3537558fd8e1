package io.tasker.schedule;

import io.tasker.InvalidInputException;
import java.util.Locale;

/** What a schedule's tick does while the task of its previous tick is still running. */
public enum Overlap {
    /** The tick is skipped (recorded as skipped). */
    SKIP,
    /** Both run. */
    ALLOW,
    /** The previous task is cancelled, then the tick's task starts. */
    CANCEL_PREVIOUS;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Overlap of(String value) {
        for (Overlap overlap : values()) {
            if (overlap.value().equals(value)) {
                return overlap;
            }
        }
        throw new InvalidInputException("overlap must be skip, allow or cancel_previous, got '" + value + "'");
    }
}
