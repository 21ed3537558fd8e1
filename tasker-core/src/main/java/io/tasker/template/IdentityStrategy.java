package io.tasker.template;

import java.util.Locale;

/** How a task's identity (and so deduplication) is decided when it is created. */
public enum IdentityStrategy {
    /** SHA-256 of the template and the canonical (key-sorted) context: the same input twice is a duplicate. */
    STRICT,
    /** The caller must give an {@code idempotency_key}; it decides the identity. */
    CALLER_PROVIDED,
    /** Every request creates a new task (unless it carries an {@code idempotency_key}). */
    ALWAYS_UNIQUE;

    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
