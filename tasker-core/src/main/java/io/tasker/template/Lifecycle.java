package io.tasker.template;

import java.util.Optional;

/**
 * How long a task of this template may stay in a state before it counts as stale, and what then happens. Empty
 * values fall back to the engine's defaults (waiting for dependencies 60 min, waiting for retry 30 min, steps in
 * process 30 min, whole task 24 h).
 *
 * @param stalenessAction {@code dlq} (dead letter queue entry, task to error), {@code error} (error only) or
 *                        {@code none} (report only)
 */
public record Lifecycle(Optional<Integer> maxDurationMinutes, Optional<Integer> maxWaitingForDependenciesMinutes,
                        Optional<Integer> maxWaitingForRetryMinutes, Optional<Integer> maxStepsInProcessMinutes,
                        String stalenessAction, Optional<Boolean> autoFailOnTimeout,
                        Optional<Boolean> autoDlqOnTimeout) {

    public static final String DEFAULT_STALENESS_ACTION = "dlq";

    public static final Lifecycle DEFAULT = new Lifecycle(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), DEFAULT_STALENESS_ACTION, Optional.empty(), Optional.empty());
}
