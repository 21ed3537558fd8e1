package io.tasker.handler;

/**
 * Thrown to a handler that tries to save a checkpoint or heartbeat after its attempt lost its lease (it expired
 * and the step was handed to another worker, or the task was cancelled). The handler should stop: its result
 * would be rejected anyway.
 */
public class LeaseLostError extends RetryableError {

    public LeaseLostError(String message) {
        super(message);
    }
}
