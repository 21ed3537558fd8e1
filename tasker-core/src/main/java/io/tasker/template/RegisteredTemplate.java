package io.tasker.template;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A template as stored: its {@code named_tasks} row id, the id of each step's {@code named_steps} row, and the
 * template resolved for the engine's environment.
 */
public record RegisteredTemplate(UUID namedTaskUuid, TaskTemplate template, Map<String, UUID> namedStepUuids,
                                 Optional<InputSchema> inputSchema) {

    public RegisteredTemplate {
        namedStepUuids = Map.copyOf(namedStepUuids);
    }

    public TemplateKey key() {
        return template.key();
    }

    public UUID namedStepUuid(String stepName) {
        UUID uuid = namedStepUuids.get(stepName);
        if (uuid == null) {
            throw new IllegalArgumentException("template " + key() + " has no step '" + stepName + "'");
        }
        return uuid;
    }
}
