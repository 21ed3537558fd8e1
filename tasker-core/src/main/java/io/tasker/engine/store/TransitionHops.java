package io.tasker.engine.store;

import io.tasker.json.Json;
import io.tasker.store.jdbc.SqlArray;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Flattened hop rows for unnest(): one row per transition of a path. */
final class TransitionHops {
    private final List<UUID> entities = new ArrayList<>();
    private final List<String> fromStates = new ArrayList<>();
    private final List<String> toStates = new ArrayList<>();
    private final List<Integer> offsets = new ArrayList<>();
    private final List<Boolean> lasts = new ArrayList<>();
    private final List<String> metadata = new ArrayList<>();

    /** One row per state; each row's metadata is {@code meta} plus the hop's event name (unless meta names one). */
    void add(UUID entity, String from, List<String> states, List<String> events, JsonNode meta, int firstOffset) {
        String previous = from;
        for (int i = 0; i < states.size(); i++) {
            ObjectNode hopMetadata = Json.object();
            hopMetadata.put("event", events.get(i));
            if (meta != null && meta.isObject()) {
                hopMetadata.setAll((ObjectNode) meta);
            }
            entities.add(entity);
            fromStates.add(previous);
            toStates.add(states.get(i));
            offsets.add(firstOffset + i);
            lasts.add(i == states.size() - 1);
            metadata.add(Json.write(hopMetadata));
            previous = states.get(i);
        }
    }

    SqlArray entities() {
        return SqlArray.uuids(entities);
    }

    SqlArray fromStates() {
        return SqlArray.texts(fromStates);
    }

    SqlArray toStates() {
        return SqlArray.texts(toStates);
    }

    SqlArray offsets() {
        return SqlArray.integers(offsets);
    }

    SqlArray lasts() {
        return SqlArray.booleans(lasts);
    }

    SqlArray metadata() {
        return SqlArray.jsonTexts(metadata);
    }
}
