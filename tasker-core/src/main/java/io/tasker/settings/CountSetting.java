package io.tasker.settings;

import io.tasker.InvalidInputException;

/** A whole-number setting: its name, default and allowed range (inclusive). */
public record CountSetting(String name, long defaultValue, long min, long max) {

    public CountSetting {
        if (defaultValue < min || defaultValue > max) {
            throw new IllegalArgumentException(name + ": default " + defaultValue + " outside " + min + ".." + max);
        }
    }

    public int defaultInt() {
        return Math.toIntExact(defaultValue);
    }

    /** {@code value}, when it is in range. */
    public int check(int value) {
        return Math.toIntExact(check((long) value));
    }

    /** {@code value}, when it is in range. */
    public long check(long value) {
        if (value < min || value > max) {
            throw new InvalidInputException(name + " must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }
}
