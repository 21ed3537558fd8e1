package io.tasker.engine;

import io.tasker.json.Json;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * Why a step failed, as the engine stores it: the step's result {@code {"error": {...}}} and the {@code error} of
 * its transition's metadata. Handler failures, expired leases and stale tasks all fail steps this way.
 *
 * @param type      the error's kind, e.g. {@code TimeoutError}, {@code LeaseExpired}, {@code StaleTask}
 * @param attempt   the attempt that failed, when an attempt failed (not for a whole stale task)
 */
public record StepFailure(String type, String message, boolean retryable, Optional<Integer> attempt) {

    public StepFailure(String type, String message, boolean retryable, int attempt) {
        this(type, message, retryable, Optional.of(attempt));
    }

    /** {@code {"type", "message", "retryable", "attempt"}}. */
    public ObjectNode details() {
        ObjectNode details = Json.object();
        details.put("type", type);
        details.put("message", message);
        details.put("retryable", retryable);
        attempt.ifPresent(n -> details.put("attempt", n));
        return details;
    }

    /** The step's result: {@code {"error": details}}. */
    public ObjectNode result() {
        ObjectNode result = Json.object();
        result.set("error", details());
        return result;
    }
}
