package io.tasker.handler;

/**
 * The code that runs one step. A handler must be safe to run more than once for the same step: a worker that dies
 * mid-step loses its lease and the step runs again (at-least-once).
 *
 * <p>Return {@link StepResult#success} with a JSON result, {@link StepResult#retryableFailure} or
 * {@link StepResult#permanentFailure}; or throw. A thrown {@link PermanentError} (or {@link ValidationError}) fails
 * the step for good; any other exception is a retryable failure. Handlers run on virtual threads and are interrupted
 * when the step's {@code timeout_seconds} pass or the task is cancelled.
 */
@FunctionalInterface
public interface StepHandler {

    StepResult handle(StepContext context) throws Exception;
}
