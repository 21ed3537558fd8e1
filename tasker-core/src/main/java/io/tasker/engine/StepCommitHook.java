package io.tasker.engine;

import io.tasker.store.jdbc.Tx;
import io.tasker.task.TaskRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Work a layer does inside the transaction that records step outcomes, for the outcomes the engine accepted (their
 * attempt still held its lease). It commits or rolls back with them: a data layer publishes what a step produced
 * exactly when the step's success is recorded, never for a late or rejected attempt, and starts the tasks that
 * follow from it in the same transaction (an outbox, without a relay). Outcomes of every source arrive here: Java
 * handlers, external workers, and leases the maintenance loop found expired.
 *
 * <p>A hook must be quick and must lock no task row (the engine holds the task locks): it runs on the engine's
 * result path.
 */
@FunctionalInterface
public interface StepCommitHook {

    void recorded(Commit commit);

    /** The accepted outcomes of one recording transaction, and what a hook may do in it. */
    interface Commit {
        Tx tx();

        Instant now();

        List<Outcome> outcomes();

        /**
         * Creates tasks in this transaction; their ready steps are enqueued, and workers are woken when it commits.
         */
        List<TaskCreator.Creation> createTasks(List<TaskRequest> requests);
    }

    /** An accepted outcome of one attempt. */
    sealed interface Outcome {
        UUID taskUuid();

        UUID stepUuid();

        int attempt();

        record Succeeded(UUID taskUuid, UUID stepUuid, int attempt, JsonNode result) implements Outcome {
        }

        /**
         * @param retryAt when the next attempt is due; empty when the step failed for good
         * @param error   {@code {"error": {"type", "message", "retryable", "attempt"}}}
         */
        record Failed(UUID taskUuid, UUID stepUuid, int attempt, Optional<Instant> retryAt, JsonNode error)
                implements Outcome {
        }
    }
}
