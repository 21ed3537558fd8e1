package io.tasker.handler;

/** The step's input is invalid: a permanent failure. */
public class ValidationError extends PermanentError {

    public ValidationError(String message) {
        super(message);
    }
}
