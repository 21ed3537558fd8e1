package io.tasker.handler;

import java.time.Duration;
import java.util.Optional;

/** Thrown by a handler for a failure that may go away (a timeout, a 503): the step is retried if allowed. */
public non-sealed class RetryableError extends StepError {

    private final Duration retryAfter;

    public RetryableError(String message) {
        this(message, null, null);
    }

    /** @param retryAfter wait at least this long before the next attempt (overrides the template's backoff) */
    public RetryableError(String message, Duration retryAfter) {
        this(message, retryAfter, null);
    }

    public RetryableError(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        if (retryAfter != null && retryAfter.isNegative()) {
            throw new IllegalArgumentException("retryAfter must not be negative");
        }
        this.retryAfter = retryAfter;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
