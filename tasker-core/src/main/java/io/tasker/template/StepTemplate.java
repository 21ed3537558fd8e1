package io.tasker.template;

import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** One step of a template. {@code dependencies} name the steps that must finish (complete) before this one runs. */
public record StepTemplate(
        String name,
        Optional<String> description,
        HandlerSpec handler,
        StepType type,
        List<String> dependencies,
        RetryPolicy retry,
        Optional<Integer> timeoutSeconds,
        Optional<String> systemDependency,
        List<EventDeclaration> publishesEvents,
        Optional<BatchConfig> batchConfig,
        Optional<JsonNode> resultSchema,
        Limits limits) {

    public StepTemplate {
        dependencies = List.copyOf(dependencies);
        publishesEvents = List.copyOf(publishesEvents);
    }

    public boolean isExternal() {
        return "external".equals(handler.callable());
    }
}
