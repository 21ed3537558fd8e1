package io.tasker.template;

import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * Which code runs a step: {@code callable} is a handler name registered in code, a class name, or {@code external}
 * (an external worker claims the step through the worker API); {@code initialization} is the step's own
 * configuration, given to the handler.
 */
public record HandlerSpec(String callable, ObjectNode initialization, Optional<String> method,
                          Optional<String> resolver) {

    public HandlerSpec {
        initialization = initialization.deepCopy();
    }
}
