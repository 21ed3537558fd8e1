package io.tasker.worker;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A step a worker has claimed: everything its handler needs, and the lease that fences every write of its result.
 *
 * @param attempt      this attempt's number (attempts after the claim)
 * @param leaseToken   must accompany the result, heartbeats and checkpoints of this attempt
 * @param enqueuedAt   when the step became claimable (for enqueue-to-start latency)
 */
public record StepClaim(
        UUID stepUuid,
        UUID taskUuid,
        UUID namedTaskUuid,
        String stepName,
        String namespace,
        int attempt,
        int maxAttempts,
        boolean retryable,
        UUID leaseToken,
        Instant leaseExpiresAt,
        Instant enqueuedAt,
        Instant claimedAt,
        JsonNode taskContext,
        JsonNode inputs,
        JsonNode checkpoint,
        Map<String, JsonNode> dependencyResults,
        UUID correlationId,
        UUID parentCorrelationId) {

    public StepClaim {
        dependencyResults = Map.copyOf(dependencyResults);
    }

    /** The template step this step was made from: its own name, or a batch worker's worker template. */
    public String templateStepName() {
        JsonNode name = inputs == null ? null : inputs.get("template_step_name");
        return name != null && name.isString() ? name.asString() : stepName;
    }

    /** No attempt would follow a retryable failure of this one. */
    public boolean isLastAttempt() {
        return !retryable || attempt >= maxAttempts;
    }
}
