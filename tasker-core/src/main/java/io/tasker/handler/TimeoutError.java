package io.tasker.handler;

/** The step ran longer than its {@code timeout_seconds} (or a call inside it timed out): retryable. */
public class TimeoutError extends RetryableError {

    public TimeoutError(String message) {
        super(message);
    }
}
