package io.tasker.task;

import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** An operator's decision about one step. */
public sealed interface StepAction {

    /** Who decided (an API key's name, a JWT subject) and why. */
    String actor();

    String reason();

    /** A step in {@code error} runs again: back to {@code pending}, attempts reset to 0. */
    record ResetForRetry(String actor, String reason) implements StepAction {
    }

    /** The step counts as done for the steps after it, without a result. */
    record ResolveManually(String actor, String reason) implements StepAction {
    }

    /** The step is {@code complete} with this result, as if its handler had returned it. */
    record CompleteManually(String actor, String reason, JsonNode result, Optional<JsonNode> metadata)
            implements StepAction {
    }

    default String name() {
        return switch (this) {
            case ResetForRetry r -> "reset_for_retry";
            case ResolveManually r -> "resolve_manually";
            case CompleteManually c -> "complete_manually";
        };
    }
}
