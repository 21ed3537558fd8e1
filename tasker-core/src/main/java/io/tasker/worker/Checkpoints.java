package io.tasker.worker;

import io.tasker.handler.Checkpoint;
import io.tasker.json.Json;
import java.time.Instant;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON kept in {@code workflow_steps.checkpoint}: the latest {@code cursor}, {@code items_processed} and
 * {@code accumulated_results}, when and by which attempt it was saved, and a {@code history} of earlier cursors that
 * is capped so the row cannot grow without bound.
 */
public final class Checkpoints {

    private Checkpoints() {
    }

    public static Optional<Checkpoint> fromJson(JsonNode json) {
        if (json == null || !json.isObject()) {
            return Optional.empty();
        }
        return Optional.of(new Checkpoint(json.get("cursor"),
                json.path("items_processed").asLong(0), json.get("accumulated_results")));
    }

    /** The new checkpoint JSON: {@code next} on top, the previous one appended to the history (last {@code cap}). */
    public static ObjectNode next(JsonNode previous, Checkpoint next, int attempt, Instant now, int cap) {
        ObjectNode json = Json.object();
        json.set("cursor", next.cursor());
        json.put("items_processed", next.itemsProcessed());
        json.set("accumulated_results", next.accumulatedResults());
        json.put("timestamp", now.toString());
        json.put("attempt", attempt);
        ArrayNode history = json.putArray("history");
        if (previous != null && previous.isObject()) {
            JsonNode earlier = previous.path("history");
            if (earlier.isArray()) {
                earlier.forEach(history::add);
            }
            ObjectNode entry = history.addObject();
            entry.set("cursor", previous.get("cursor"));
            entry.set("items_processed", previous.get("items_processed"));
            entry.set("timestamp", previous.get("timestamp"));
            entry.set("attempt", previous.get("attempt"));
        }
        while (history.size() > cap) {
            history.remove(0);
        }
        return json;
    }
}
