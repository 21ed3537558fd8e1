package io.tasker.handler;

import io.tasker.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/** What a handler returns. */
public sealed interface StepResult {

    /** The step did its work; {@code result} is stored and given to the steps that depend on it. */
    record Success(JsonNode result) implements StepResult {
        public Success {
            result = Objects.requireNonNullElse(result, NullNode.getInstance());
        }
    }

    /**
     * The step failed but may succeed later. It is retried if its template allows another attempt, after
     * {@code retryAfter} when given (e.g. a server's Retry-After) or else after the template's backoff.
     */
    record RetryableFailure(String errorType, String message, Optional<Duration> retryAfter) implements StepResult {
        public RetryableFailure {
            Objects.requireNonNull(errorType, "errorType");
            message = Objects.requireNonNullElse(message, "");
            Objects.requireNonNull(retryAfter, "retryAfter");
            retryAfter.ifPresent(delay -> {
                if (delay.isNegative()) {
                    throw new IllegalArgumentException("retryAfter must not be negative");
                }
            });
        }
    }

    /** The step failed and retrying cannot help (bad input, declined payment, ...). */
    record PermanentFailure(String errorType, String message) implements StepResult {
        public PermanentFailure {
            Objects.requireNonNull(errorType, "errorType");
            message = Objects.requireNonNullElse(message, "");
        }
    }

    /**
     * The step waits for an event without holding a worker: it stays {@code in_progress} with no lease, and completes
     * or fails when something wakes it by its kind and key ({@code io.tasker.park.ParkedSteps}), or when
     * {@code deadline} passes (then {@code onDeadline} applies). An event that arrives before the step parks is kept
     * and wakes it as soon as it parks. Staleness detection leaves a task alone while a step of it waits within its
     * deadline (or with none).
     *
     * @param kind    who wakes it: a lower-case word ({@code signal}, {@code subtask}, {@code board}, ...)
     * @param key     what wakes it, unique per task and kind while the step waits (1 to 255 characters)
     * @param details what the step waits for, shown with it (a JSON object)
     */
    record Park(String kind, String key, Optional<Instant> deadline, WakeOutcome onDeadline, JsonNode details)
            implements StepResult {

        private static final java.util.regex.Pattern KIND = java.util.regex.Pattern.compile("[a-z][a-z0-9_]{0,31}");

        public Park {
            if (kind == null || !KIND.matcher(kind).matches()) {
                throw new IllegalArgumentException("park kind must be 1 to 32 of a-z, 0-9 and _, starting with a "
                        + "letter, got '" + kind + "'");
            }
            if (key == null || key.isEmpty() || key.length() > 255) {
                throw new IllegalArgumentException("park key must be 1 to 255 characters");
            }
            Objects.requireNonNull(deadline, "deadline");
            onDeadline = Objects.requireNonNullElseGet(onDeadline, () -> new WakeOutcome.Fail("ParkTimeout",
                    "no " + kind + " '" + key + "' arrived before the deadline", false));
            details = details == null || !details.isObject() ? Json.object() : details;
        }

        /** This park, waking at {@code at} with {@code outcome} unless something wakes it earlier. */
        public Park deadline(Instant at, WakeOutcome outcome) {
            return new Park(kind, key, Optional.of(at), outcome, details);
        }

        /** This park with {@code value} (anything Jackson turns into an object) as its details. */
        public Park details(Object value) {
            return new Park(kind, key, deadline, onDeadline,
                    value instanceof JsonNode node ? node : Json.toTree(value));
        }
    }

    /** Waits, holding no worker, until something wakes the step by {@code kind} and {@code key}; no deadline. */
    static Park park(String kind, String key) {
        return new Park(kind, key, Optional.empty(), null, null);
    }

    static Success success(JsonNode result) {
        return new Success(result);
    }

    /** Success with any value Jackson can turn into JSON (a Map, a record, ...). */
    static Success success(Object result) {
        return new Success(result instanceof JsonNode node ? node : Json.toTree(result));
    }

    /** Key of a decision step's outcome in its result. */
    String DECISION_OUTCOME = "decision_point_outcome";
    /** Key of a batchable step's outcome in its result. */
    String BATCH_OUTCOME = "batch_processing_outcome";

    /**
     * A decision step's choice: create these steps (declared in the template, each depending on the decision step)
     * and the steps downstream of them; none means no branch. Stored as a success whose result holds
     * {@code decision_point_outcome} (and the fields of {@code data}, an object).
     */
    record Decision(List<String> stepNames, JsonNode data) implements StepResult {
        public Decision {
            stepNames = List.copyOf(stepNames);
            data = data == null || !data.isObject() ? Json.object() : data;
        }

        /** The result as stored. */
        public JsonNode toJson() {
            ObjectNode result = ((ObjectNode) data).deepCopy();
            ObjectNode outcome = result.putObject(DECISION_OUTCOME);
            if (stepNames.isEmpty()) {
                outcome.put("type", "no_branches");
            } else {
                outcome.put("type", "create_steps");
                ArrayNode names = outcome.putArray("step_names");
                stepNames.forEach(names::add);
            }
            return result;
        }
    }

    /**
     * A batchable step's plan: one batch worker per cursor ({@code <worker_template>_<batch_id>}), or, with no
     * cursors, {@code totalItems} split by the step's {@code batch_config.batch_size}; neither means nothing to do
     * (the convergence step runs at once). Stored as a success whose result holds {@code batch_processing_outcome}
     * (and the fields of {@code data}, an object, e.g. totals the convergence step needs).
     */
    record Batches(List<BatchCursor> cursors, long totalItems, JsonNode data) implements StepResult {
        public Batches {
            cursors = List.copyOf(cursors);
            data = data == null || !data.isObject() ? Json.object() : data;
            if (totalItems < 0) {
                throw new IllegalArgumentException("totalItems must not be negative");
            }
        }

        /** The result as stored. */
        public JsonNode toJson() {
            ObjectNode result = ((ObjectNode) data).deepCopy();
            ObjectNode outcome = result.putObject(BATCH_OUTCOME);
            if (!cursors.isEmpty()) {
                outcome.put("type", "create_batches");
                outcome.put("worker_count", cursors.size());
                ArrayNode configs = outcome.putArray("cursor_configs");
                cursors.forEach(cursor -> configs.add(cursor.toJson()));
            } else if (totalItems > 0) {
                outcome.put("type", "create_batches");
                outcome.put("total_items", totalItems);
            } else {
                outcome.put("type", "no_batches");
            }
            return result;
        }
    }

    /** A decision: create these declared steps. */
    static Decision createSteps(List<String> stepNames) {
        if (stepNames.isEmpty()) {
            throw new IllegalArgumentException("createSteps needs step names; use noBranches() for none");
        }
        return new Decision(stepNames, null);
    }

    /** A decision that takes no branch; deferred convergence steps still run. */
    static Decision noBranches() {
        return new Decision(List.of(), null);
    }

    /** Batch workers for these cursors; {@code data} (anything Jackson turns into an object) goes along. */
    static Batches createBatches(List<BatchCursor> cursors, Object data) {
        if (cursors.isEmpty()) {
            throw new IllegalArgumentException("createBatches needs cursors; use noBatches() for none");
        }
        return new Batches(cursors, 0, data == null ? null : Json.toTree(data));
    }

    /** Batch workers for {@code totalItems} items, split by the step's {@code batch_config.batch_size}. */
    static Batches batchesOf(long totalItems, Object data) {
        return new Batches(List.of(), totalItems, data == null ? null : Json.toTree(data));
    }

    /** Nothing to process: no workers; the convergence step runs at once. */
    static Batches noBatches() {
        return new Batches(List.of(), 0, null);
    }

    static RetryableFailure retryableFailure(String message) {
        return new RetryableFailure("RetryableError", message, Optional.empty());
    }

    static RetryableFailure retryableFailure(String message, Duration retryAfter) {
        return new RetryableFailure("RetryableError", message, Optional.of(retryAfter));
    }

    static PermanentFailure permanentFailure(String message) {
        return new PermanentFailure("PermanentError", message);
    }
}
