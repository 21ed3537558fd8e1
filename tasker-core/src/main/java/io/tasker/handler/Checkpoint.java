package io.tasker.handler;

import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

/**
 * Progress of a long step: where it is ({@code cursor}), how many items it has done, and what it has accumulated so
 * far. Stored in {@code workflow_steps.checkpoint}.
 */
public record Checkpoint(JsonNode cursor, long itemsProcessed, JsonNode accumulatedResults) {

    public Checkpoint {
        cursor = Objects.requireNonNullElse(cursor, NullNode.getInstance());
        accumulatedResults = Objects.requireNonNullElse(accumulatedResults, NullNode.getInstance());
        if (itemsProcessed < 0) {
            throw new IllegalArgumentException("itemsProcessed must not be negative");
        }
    }
}
