package io.tasker.template;

import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** A domain event the template declares ({@code domain_events}). */
public record DomainEvent(String name, Optional<String> description, Optional<JsonNode> schema) {
}
