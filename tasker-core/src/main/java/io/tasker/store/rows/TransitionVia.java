package io.tasker.store.rows;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Reads a transition row's path. One row is one committed change; the states passed inside its transaction are in
 * {@code metadata.via} (docs/how-it-works.md, "History records committed states").
 */
final class TransitionVia {

    private TransitionVia() {
    }

    /** The states the change passed through, in order, ending with {@code toState}. */
    static List<String> states(JsonNode metadata, String toState) {
        List<String> states = new ArrayList<>();
        if (metadata != null) {
            metadata.path("via").forEach(state -> states.add(state.asString()));
        }
        states.add(toState);
        return List.copyOf(states);
    }
}
