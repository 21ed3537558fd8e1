package io.tasker.engine.store;

import io.tasker.json.Json;
import io.tasker.store.jdbc.SqlArray;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Transition rows for unnest(): one row per committed change. History records committed states only: a path
 * through states passed inside one transaction (a step's {@code enqueued_for_orchestration} between
 * {@code in_progress} and {@code complete}, a task's {@code evaluating_results}) is one row from the last committed
 * state to the new one, with the states passed through, in order, in {@code metadata.via}. Nobody can observe a
 * state that never committed, so the row says everything the separate rows said, at a third of the writes.
 */
final class TransitionHops {
    private final List<UUID> entities = new ArrayList<>();
    private final List<String> fromStates = new ArrayList<>();
    private final List<String> toStates = new ArrayList<>();
    private final List<Integer> offsets = new ArrayList<>();
    private final List<Boolean> lasts = new ArrayList<>();
    private final List<String> metadata = new ArrayList<>();

    /**
     * One row from {@code from} to the path's last state; its metadata is {@code meta} plus the last hop's event
     * (unless meta names one) and, for a path of more than one hop, {@code via}: the states before the last.
     */
    void add(UUID entity, String from, List<String> states, List<String> events, JsonNode meta, int offset) {
        ObjectNode rowMetadata = Json.object();
        rowMetadata.put("event", events.getLast());
        if (states.size() > 1) {
            ArrayNode via = rowMetadata.putArray("via");
            states.subList(0, states.size() - 1).forEach(via::add);
        }
        if (meta != null && meta.isObject()) {
            rowMetadata.setAll((ObjectNode) meta);
        }
        entities.add(entity);
        fromStates.add(from);
        toStates.add(states.getLast());
        offsets.add(offset);
        lasts.add(true);
        metadata.add(Json.write(rowMetadata));
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
