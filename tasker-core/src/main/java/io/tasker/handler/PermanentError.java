package io.tasker.handler;

/** Thrown by a handler when retrying cannot help: the step fails for good. */
public non-sealed class PermanentError extends StepError {

    public PermanentError(String message) {
        super(message, null);
    }

    public PermanentError(String message, Throwable cause) {
        super(message, cause);
    }
}
