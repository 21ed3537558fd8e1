package io.tasker.handler;

import io.tasker.json.Json;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What waking a parked step does (see {@link StepResult.Park}): complete it with a result, or fail it like a
 * handler's failure (retried when {@code retryable} and the step has attempts left, after the template's backoff).
 */
public sealed interface WakeOutcome {

    /** The step completes; {@code result} is stored and given to the steps that depend on it. */
    record Complete(JsonNode result) implements WakeOutcome {
        public Complete {
            result = Objects.requireNonNullElse(result, NullNode.getInstance());
        }
    }

    /** The step fails with this error, as a handler's failure would. */
    record Fail(String errorType, String message, boolean retryable) implements WakeOutcome {
        public Fail {
            Objects.requireNonNull(errorType, "errorType");
            message = Objects.requireNonNullElse(message, "");
        }
    }

    static Complete complete(JsonNode result) {
        return new Complete(result);
    }

    /** Completes with any value Jackson can turn into JSON (a Map, a record, ...). */
    static Complete complete(Object result) {
        return new Complete(result instanceof JsonNode node ? node : Json.toTree(result));
    }

    static Fail fail(String errorType, String message, boolean retryable) {
        return new Fail(errorType, message, retryable);
    }

    /** As stored: {@code {"complete": result}} or {@code {"fail": {"type", "message", "retryable"}}}. */
    default JsonNode toJson() {
        ObjectNode json = Json.object();
        switch (this) {
            case Complete complete -> json.set("complete", complete.result());
            case Fail fail -> json.putObject("fail").put("type", fail.errorType()).put("message", fail.message())
                    .put("retryable", fail.retryable());
        }
        return json;
    }

    /** Reads what {@link #toJson()} wrote. */
    static WakeOutcome fromJson(JsonNode json) {
        if (json.has("fail")) {
            JsonNode fail = json.get("fail");
            return new Fail(fail.path("type").asString("WakeFailure"), fail.path("message").asString(""),
                    fail.path("retryable").asBoolean(false));
        }
        return new Complete(json.get("complete"));
    }
}
