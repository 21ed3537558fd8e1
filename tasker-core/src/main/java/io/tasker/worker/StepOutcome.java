package io.tasker.worker;

import io.tasker.handler.StepResult;
import java.time.Duration;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * How one attempt ended, as recorded by the {@link ResultRecorder}. Every outcome carries the claim whose lease
 * fences the write: if the lease was lost meanwhile, the outcome is rejected.
 */
public sealed interface StepOutcome {

    StepClaim claim();

    /** Handler run time. */
    Duration duration();

    record Succeeded(StepClaim claim, JsonNode result, Duration duration) implements StepOutcome {
    }

    /**
     * @param retryable  false for permanent failures
     * @param retryAfter the delay the handler asked for, overriding the template's backoff
     */
    record Failed(StepClaim claim, String errorType, String message, boolean retryable,
                  Optional<Duration> retryAfter, Duration duration) implements StepOutcome {
    }

    /** The handler parked the step: it waits, holding no worker, until something wakes it by its key. */
    record Parked(StepClaim claim, StepResult.Park park, Duration duration) implements StepOutcome {
    }
}
