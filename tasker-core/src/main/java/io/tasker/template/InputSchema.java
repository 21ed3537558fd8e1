package io.tasker.template;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A template's {@code input_schema} (JSON Schema, draft 2020-12 unless it names another with {@code $schema}),
 * compiled once. Task contexts are validated against it when tasks are created.
 */
public final class InputSchema {

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Schema META_SCHEMA =
            REGISTRY.getSchema(SchemaLocation.of(SpecificationVersion.DRAFT_2020_12.getDialectId()));

    private final Schema schema;

    private InputSchema(Schema schema) {
        this.schema = schema;
    }

    /** Problems that make {@code schemaNode} unusable as a JSON Schema (empty when it is fine). */
    public static List<String> problems(JsonNode schemaNode) {
        if (!schemaNode.isObject() && !schemaNode.isBoolean()) {
            return List.of("must be a JSON Schema object");
        }
        List<String> problems = META_SCHEMA.validate(schemaNode).stream().map(InputSchema::describe).toList();
        if (!problems.isEmpty()) {
            return problems;
        }
        try {
            REGISTRY.getSchema(schemaNode).validate(tools.jackson.databind.node.JsonNodeFactory.instance.objectNode());
            return List.of();
        } catch (RuntimeException e) {
            return List.of("cannot be compiled: " + e.getMessage());
        }
    }

    public static InputSchema compile(JsonNode schemaNode) {
        return new InputSchema(REGISTRY.getSchema(schemaNode));
    }

    /** Why {@code value} does not match, one message per problem with its JSON path (empty when it matches). */
    public List<String> violations(JsonNode value) {
        return schema.validate(value).stream().map(InputSchema::describe).toList();
    }

    private static String describe(Error error) {
        String location = error.getInstanceLocation() == null ? "" : error.getInstanceLocation().toString();
        location = location.isEmpty() ? "/" : location;
        return location + ": " + error.getMessage();
    }
}
