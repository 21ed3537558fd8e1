package io.tasker.settings;

import io.tasker.InvalidInputException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

/** A duration setting: its name, default and allowed range (inclusive). */
public record DurationSetting(String name, Duration defaultValue, Duration min, Duration max) {

    public DurationSetting {
        if (defaultValue.compareTo(min) < 0 || defaultValue.compareTo(max) > 0) {
            throw new IllegalArgumentException(name + ": default " + defaultValue + " outside " + min + ".." + max);
        }
    }

    /** {@code value}, when it is given and in range. */
    public Duration check(Duration value) {
        if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new InvalidInputException(name + " must be between " + text(min) + " and " + text(max) + ", got "
                    + (value == null ? "none" : text(value)));
        }
        return value;
    }

    /** The default in whole {@code unit}s, as a setting in that unit is written (e.g. 30 for seconds). */
    public long defaultIn(ChronoUnit unit) {
        return defaultValue.dividedBy(unit.getDuration());
    }

    /** The smallest whole number of {@code unit}s in range, and the largest (for a setting written in that unit). */
    public long minIn(ChronoUnit unit) {
        long whole = min.dividedBy(unit.getDuration());
        return unit.getDuration().multipliedBy(whole).compareTo(min) < 0 ? whole + 1 : whole;
    }

    public long maxIn(ChronoUnit unit) {
        return max.dividedBy(unit.getDuration());
    }

    /** e.g. {@code 250 ms}, {@code 30 s}, {@code 5 min}, {@code 1 d}: the largest unit that divides it. */
    static String text(Duration value) {
        for (ChronoUnit unit : new ChronoUnit[] {ChronoUnit.DAYS, ChronoUnit.HOURS, ChronoUnit.MINUTES,
                ChronoUnit.SECONDS}) {
            if (!value.isZero() && value.toNanos() % unit.getDuration().toNanos() == 0) {
                return value.dividedBy(unit.getDuration()) + " " + switch (unit) {
                    case DAYS -> "d";
                    case HOURS -> "h";
                    case MINUTES -> "min";
                    default -> "s";
                };
            }
        }
        return value.toMillis() + " ms";
    }
}
