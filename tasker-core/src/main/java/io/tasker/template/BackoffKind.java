package io.tasker.template;

import java.util.Locale;

/** How the wait before a retry grows with the attempt number. */
public enum BackoffKind {
    /** Retry at once. */
    NONE,
    /** base, 2 x base, 3 x base, ... */
    LINEAR,
    /** base, 2 x base, 4 x base, ... */
    EXPONENTIAL,
    /** base, base, 2 x base, 3 x base, 5 x base, ... */
    FIBONACCI;

    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
