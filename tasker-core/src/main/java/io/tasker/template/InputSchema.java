package io.tasker.template;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import io.tasker.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A template's {@code input_schema} (JSON Schema, draft 2020-12 unless it names another with {@code $schema}),
 * compiled once. Task contexts are validated against it when tasks are created. Patterns run in linear time
 * ({@link LinearRegularExpressions}), and a schema may refer only to itself ({@code $ref: "#..."}) and to the JSON
 * Schema meta-schemas: nothing is read from files, the class path or the network.
 */
public final class InputSchema {

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            registry -> registry
                    .schemaRegistryConfig(SchemaRegistryConfig.builder()
                            .regularExpressionFactory(LinearRegularExpressions.INSTANCE).build())
                    .schemaLoader(loader -> loader.allow(iri -> iri.toString().startsWith("https://json-schema.org/")
                            || iri.toString().startsWith("http://json-schema.org/"))));
    private static final Schema META_SCHEMA =
            REGISTRY.getSchema(SchemaLocation.of(SpecificationVersion.DRAFT_2020_12.getDialectId()));
    private static final List<String> REFERENCE_KEYWORDS = List.of("$ref", "$dynamicRef", "$recursiveRef");

    private final Schema schema;

    private InputSchema(Schema schema) {
        this.schema = schema;
    }

    /** Problems that make {@code schemaNode} unusable as a JSON Schema (empty when it is fine). */
    public static List<String> problems(JsonNode schemaNode) {
        if (!schemaNode.isObject() && !schemaNode.isBoolean()) {
            return List.of("must be a JSON Schema object");
        }
        List<String> problems = new ArrayList<>(META_SCHEMA.validate(schemaNode).stream()
                .map(InputSchema::describe).toList());
        outsideReferences(schemaNode, "", problems);
        if (!problems.isEmpty()) {
            return problems;
        }
        try {
            REGISTRY.getSchema(schemaNode).validate(tools.jackson.databind.node.JsonNodeFactory.instance.objectNode());
            return List.of();
        } catch (RuntimeException e) {
            return List.of("cannot be compiled: " + reason(e));
        }
    }

    public static InputSchema compile(JsonNode schemaNode) {
        return new InputSchema(REGISTRY.getSchema(schemaNode));
    }

    /**
     * Why {@code value} does not match, one message per problem with its JSON path (empty when it matches).
     *
     * @throws InvalidInputException when its patterns take longer than their time budget on this value
     */
    public List<String> violations(JsonNode value) {
        try {
            return LinearRegularExpressions.withinBudget(() ->
                    schema.validate(value).stream().map(InputSchema::describe).toList());
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof LinearRegularExpressions.BudgetExceeded) {
                    throw new InvalidInputException("the input_schema's patterns took longer than "
                            + LinearRegularExpressions.BUDGET.toSeconds() + " s on this value; give shorter values "
                            + "or ask for simpler patterns");
                }
            }
            throw e;
        }
    }

    /** References are resolved lazily, when a value reaches them: any that leaves the schema is refused up front. */
    private static void outsideReferences(JsonNode node, String path, List<String> problems) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> property : node.properties()) {
                String here = path + "/" + property.getKey();
                if (REFERENCE_KEYWORDS.contains(property.getKey()) && property.getValue().isString()
                        && !property.getValue().asString().startsWith("#")) {
                    problems.add(here + ": '" + property.getValue().asString() + "' refers outside the schema; only "
                            + "references inside it (starting with #) are allowed");
                }
                outsideReferences(property.getValue(), here, problems);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                outsideReferences(node.get(i), path + "/" + i, problems);
            }
        }
    }

    /** The innermost message, without the Java class names the validator wraps around it. */
    private static String reason(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "invalid schema" : root.getMessage();
        return message.replaceAll("(\\b[a-z][\\w$]*\\.)+[A-Z][\\w$]*(Exception|Error): ", "");
    }

    private static String describe(Error error) {
        String location = error.getInstanceLocation() == null ? "" : error.getInstanceLocation().toString();
        location = location.isEmpty() ? "/" : location;
        return location + ": " + error.getMessage();
    }
}
