package io.tasker.handler;

/** An error a handler throws on purpose; its type decides whether the step is retried. */
public abstract sealed class StepError extends RuntimeException
        permits PermanentError, RetryableError {

    protected StepError(String message, Throwable cause) {
        super(message, cause);
    }

    /** The error type recorded with the failure, e.g. {@code PermanentError}. */
    public String errorType() {
        return getClass().getSimpleName();
    }
}
