package io.tasker.engine;

import io.tasker.state.TaskState;
import java.time.Duration;

/**
 * What the engine reports as it works, for metrics and logs. Every method has a no-op default; implementations
 * must be fast and must not throw.
 */
public interface EngineEvents {

    EngineEvents NONE = new EngineEvents() {
    };

    default void taskCreated(String namespace) {
    }

    default void taskFinished(String namespace, TaskState state) {
    }

    /** A step attempt ended; {@code outcome} is success, retryable_failure, permanent_failure or timeout. */
    default void stepFinished(String namespace, String stepName, String outcome, Duration duration) {
    }

    /** Time from a step becoming claimable to its handler starting. */
    default void stepStarted(String namespace, Duration sinceEnqueued) {
    }

    /** One claim statement: how long it took and how many steps it returned. */
    default void claimed(Duration latency, int steps) {
    }

    /**
     * Steps claimed by the transaction that made them ready (eager dispatch), for this engine: no claim statement
     * of their own, so they are not in {@link #claimed}.
     */
    default void dispatchedEagerly(int steps) {
    }

    /** A result that arrived after its lease was lost (or the step was cancelled) and was rejected. */
    default void lateResultRejected(String namespace) {
    }
}
