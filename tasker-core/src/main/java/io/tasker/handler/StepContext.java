package io.tasker.handler;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** What a handler gets to know about the step it runs. */
public interface StepContext {

    UUID taskUuid();

    UUID stepUuid();

    /** The task's correlation id; give it as {@code parent_correlation_id} to tasks this step starts. */
    UUID correlationId();

    /** The task's parent correlation id, if it has one. */
    java.util.Optional<UUID> parentCorrelationId();

    /** The step's name in the template. */
    String stepName();

    String namespace();

    /** Name of the template (named task). */
    String taskName();

    String taskVersion();

    /** The task's input (its {@code context}); an empty object when none was given. */
    JsonNode taskContext();

    /** The step's {@code handler.initialization} from the template; an empty object when absent. */
    JsonNode initialization();

    /** The step's own inputs ({@code workflow_steps.inputs}); an empty object when none. */
    JsonNode inputs();

    /** A batch worker's share of the batch ({@code inputs.batch.cursor}); empty for other steps. */
    default Optional<BatchCursor> batchCursor() {
        return BatchCursor.fromJson(inputs().path("batch").path("cursor"));
    }

    /**
     * Results of every step this one depends on, directly or through other steps (all its completed ancestors), by
     * step name; a step resolved manually without a result maps to JSON null.
     */
    Map<String, JsonNode> dependencyResults();

    default Optional<JsonNode> dependencyResult(String stepName) {
        return Optional.ofNullable(dependencyResults().get(stepName));
    }

    /** This attempt's number, starting at 1. */
    int attempt();

    int maxAttempts();

    default boolean isRetry() {
        return attempt() > 1;
    }

    /** True when a retryable failure of this attempt would not be retried. */
    boolean isLastRetry();

    /** The last checkpoint saved by an earlier attempt (or this one), if any. */
    Optional<Checkpoint> checkpoint();

    /**
     * Saves progress so that a later attempt can resume from it. Written at once in its own transaction, and only
     * while this attempt still holds its lease.
     */
    void saveCheckpoint(Checkpoint checkpoint);

    /** Extends this attempt's lease now. The engine also does so on its own while the handler runs. */
    void heartbeat();

    /** The engine's clock now (tests move it); use it for deadlines such as {@link StepResult.Park#deadline}. */
    default Instant now() {
        return Instant.now();
    }
}
