package io.tasker.template;

import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * An event a step declares it publishes ({@code publishes_events}).
 *
 * @param condition    {@code success}, {@code failure}, {@code retryable_failure}, {@code permanent_failure} or
 *                     {@code always}
 * @param deliveryMode {@code durable}, {@code fast} or {@code broadcast}
 */
public record EventDeclaration(String name, String description, String condition, Optional<JsonNode> schema,
                               String deliveryMode, Optional<String> publisher) {
}
