package io.tasker.handler;

import io.tasker.json.Json;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

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

    static Success success(JsonNode result) {
        return new Success(result);
    }

    /** Success with any value Jackson can turn into JSON (a Map, a record, ...). */
    static Success success(Object result) {
        return new Success(result instanceof JsonNode node ? node : Json.toTree(result));
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
