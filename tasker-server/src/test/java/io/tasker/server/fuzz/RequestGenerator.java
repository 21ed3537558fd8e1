package io.tasker.server.fuzz;

import io.tasker.json.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generates requests for one operation of the OpenAPI document, as a schema-driven fuzzer does: parameters and
 * bodies follow the declared schemas most of the time (so requests get past the first check), and are broken on
 * purpose the rest of the time: out-of-range numbers, NUL characters, wrong types, unknown fields and parameters,
 * keys given twice, bytes that are not UTF-8, nesting deeper than the parser allows.
 */
final class RequestGenerator {

    /** One request: method, path with query, and a body (or none). */
    record Request(String method, String path, String contentType, byte[] body) {
        String describe() {
            String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
            return method + " " + path + (body == null ? "" : " [" + contentType + "] "
                    + (text.length() > 300 ? text.substring(0, 300) + "..." : text));
        }
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> STRINGS = List.of("", "a", "linear_workflow", "mathematical_sequence", "1.0.0",
            "x\u0000y", "\u0000", "' OR '1'='1", "; DROP TABLE tasks; --", "../../etc/passwd", "%00",
            "\uD83D\uDCA5 emoji", "\u202Eright-to-left", "a".repeat(300), "\\u0000", "null", "{}", "-1");
    private static final List<String> NUMBERS = List.of("0", "-1", "1", "2147483647", "2147483648",
            "-9223372036854775809", "1e400", "1E-999999999", "0.1", "19.90", "1e308", "-0", "86401", "1000001");

    private final JsonNode document;
    private final Random random;
    private final Map<String, List<String>> knownIds;

    RequestGenerator(JsonNode document, Random random, Map<String, List<String>> knownIds) {
        this.document = document;
        this.random = random;
        this.knownIds = knownIds;
    }

    Request generate(String method, String pathTemplate, JsonNode pathItem, JsonNode operation) {
        List<JsonNode> parameters = new ArrayList<>();
        pathItem.path("parameters").forEach(p -> parameters.add(resolve(p)));
        operation.path("parameters").forEach(p -> parameters.add(resolve(p)));
        String path = pathTemplate;
        StringBuilder query = new StringBuilder();
        for (JsonNode parameter : parameters) {
            String name = parameter.path("name").asString();
            if (parameter.path("in").asString().equals("path")) {
                path = path.replace("{" + name + "}", encode(pathValue(name, parameter.path("schema"))));
            } else if (parameter.path("in").asString().equals("query") && chance(0.5)) {
                appendQuery(query, name, scalar(value(parameter.path("schema"), name, 0)));
            }
        }
        if (chance(0.05)) {
            appendQuery(query, "unknown_" + random.nextInt(100), "1");
        }
        if (chance(0.03) && !query.isEmpty()) {
            query.append('&').append(query.substring(0, query.indexOf("=") + 1)).append("2");
        }
        String full = query.isEmpty() ? path : path + "?" + query;
        JsonNode content = operation.path("requestBody").path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            return new Request(method.toUpperCase(), full, null, null);
        }
        JsonNode schema = resolve(content.path("application/json").path("schema"));
        return body(method.toUpperCase(), full, schema);
    }

    private Request body(String method, String path, JsonNode schema) {
        double dice = random.nextDouble();
        if (dice < 0.04) {
            return new Request(method, path, "application/json", new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3,
                    (byte) 0x28, '"', '}'});
        }
        if (dice < 0.07) {
            return new Request(method, path, "application/json", ("[".repeat(700) + "]".repeat(700))
                    .getBytes(StandardCharsets.UTF_8));
        }
        if (dice < 0.09) {
            return new Request(method, path, "text/plain", "hello".getBytes(StandardCharsets.UTF_8));
        }
        if (dice < 0.11) {
            return new Request(method, path, "application/json", "{\"a\": 1, \"a\": 2".getBytes(StandardCharsets.UTF_8));
        }
        JsonNode body = value(schema, "body", 0);
        String text = Json.write(body);
        if (dice < 0.14 && body.isObject() && !body.isEmpty()) {
            String first = body.propertyNames().iterator().next();
            text = "{\"" + first + "\": 1, " + text.substring(1); // the same key twice
        }
        return new Request(method, path, "application/json", text.getBytes(StandardCharsets.UTF_8));
    }

    /** A value for {@code schema}: valid most of the time, hostile some of the time. */
    JsonNode value(JsonNode schemaNode, String name, int depth) {
        JsonNode schema = resolve(schemaNode);
        if (chance(0.06) || depth > 6) {
            return hostile();
        }
        if (name.equals("wait_seconds")) {
            return NODES.numberNode(random.nextInt(2)); // a long poll would only slow the run down
        }
        if (schema.has("const")) {
            return schema.get("const");
        }
        if (schema.has("enum") && chance(0.9)) {
            return schema.get("enum").get(random.nextInt(schema.get("enum").size()));
        }
        for (String combinator : List.of("oneOf", "anyOf")) {
            if (schema.has(combinator)) {
                JsonNode options = schema.get(combinator);
                return value(options.get(random.nextInt(options.size())), name, depth + 1);
            }
        }
        if (schema.has("allOf")) {
            ObjectNode merged = NODES.objectNode();
            schema.get("allOf").forEach(part -> {
                JsonNode piece = value(part, name, depth + 1);
                if (piece.isObject()) {
                    merged.setAll((ObjectNode) piece);
                }
            });
            return merged;
        }
        String type = type(schema);
        return switch (type) {
            case "object" -> object(schema, depth);
            case "array" -> array(schema, name, depth);
            case "string" -> string(schema, name);
            case "integer" -> NODES.numberNode(integer(schema));
            case "number" -> Json.parse(NUMBERS.get(random.nextInt(NUMBERS.size())));
            case "boolean" -> NODES.booleanNode(random.nextBoolean());
            case "null" -> NODES.nullNode();
            default -> hostile();
        };
    }

    private JsonNode object(JsonNode schema, int depth) {
        ObjectNode object = NODES.objectNode();
        List<String> required = new ArrayList<>();
        schema.path("required").forEach(r -> required.add(r.asString()));
        schema.path("properties").properties().forEach(property -> {
            if ((required.contains(property.getKey()) && chance(0.95)) || chance(0.5)) {
                object.set(property.getKey(), value(property.getValue(), property.getKey(), depth + 1));
            }
        });
        if (chance(0.05)) {
            object.put("unexpected_" + random.nextInt(10), "x");
        }
        return object;
    }

    private JsonNode array(JsonNode schema, String name, int depth) {
        ArrayNode array = NODES.arrayNode();
        int size = chance(0.05) ? schema.path("maxItems").asInt(3) + 1 : random.nextInt(4);
        for (int i = 0; i < size; i++) {
            array.add(value(schema.path("items"), name, depth + 1));
        }
        return array;
    }

    private JsonNode string(JsonNode schema, String name) {
        if (schema.path("format").asString().equals("uuid")) {
            return NODES.stringNode(pathValue(name, schema));
        }
        if (schema.path("format").asString().equals("date-time") && chance(0.8)) {
            return NODES.stringNode("2026-01-01T00:00:00Z");
        }
        int max = schema.path("maxLength").asInt(-1);
        if (max > 0 && chance(0.05)) {
            return NODES.stringNode("m".repeat(max + 1));
        }
        return NODES.stringNode(STRINGS.get(random.nextInt(STRINGS.size())));
    }

    private long integer(JsonNode schema) {
        long min = schema.path("minimum").asLong(-5);
        long max = schema.path("maximum").asLong(min + 1000);
        return switch (random.nextInt(6)) {
            case 0 -> min - 1;
            case 1 -> max + 1;
            case 2 -> min;
            case 3 -> max;
            default -> min + (long) (random.nextDouble() * Math.min(1000, max - min));
        };
    }

    /** Anything at all: what a fuzzer tries where any JSON is allowed or a type is ignored. */
    private JsonNode hostile() {
        return switch (random.nextInt(7)) {
            case 0 -> NODES.stringNode("\u0000 nul");
            case 1 -> Json.parse(NUMBERS.get(random.nextInt(NUMBERS.size())));
            case 2 -> NODES.objectNode().put("k\u0000", 1);
            case 3 -> NODES.arrayNode().add(1).add("two").addNull();
            case 4 -> NODES.objectNode().set("nested", NODES.objectNode().put("deep", "value"));
            case 5 -> NODES.booleanNode(true);
            default -> NODES.stringNode(STRINGS.get(random.nextInt(STRINGS.size())));
        };
    }

    private String pathValue(String name, JsonNode schema) {
        List<String> known = knownIds.getOrDefault(name, List.of());
        double dice = random.nextDouble();
        if (!known.isEmpty() && dice < 0.6) {
            return known.get(random.nextInt(known.size()));
        }
        if (dice < 0.8 && (schema.path("format").asString().equals("uuid") || name.endsWith("uuid"))) {
            return UUID.randomUUID().toString();
        }
        // An empty segment would address another route (/v1/tasks/ is /v1/tasks): not this operation's answer.
        String text = STRINGS.get(random.nextInt(STRINGS.size()));
        return text.isEmpty() ? "-" : text;
    }

    private String type(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            return type.get(random.nextInt(type.size())).asString();
        }
        if (type.isString()) {
            return type.asString();
        }
        return schema.has("properties") ? "object" : "any";
    }

    JsonNode resolve(JsonNode node) {
        JsonNode resolved = node;
        while (resolved.has("$ref")) {
            JsonNode target = document;
            for (String part : resolved.get("$ref").asString().substring(2).split("/")) {
                target = target.path(part);
            }
            resolved = target;
        }
        return resolved;
    }

    private static String scalar(JsonNode value) {
        return value.isString() ? value.asString() : Json.write(value);
    }

    private static void appendQuery(StringBuilder query, String name, String value) {
        query.append(query.isEmpty() ? "" : "&").append(encode(name)).append('=').append(encode(value));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private boolean chance(double probability) {
        return random.nextDouble() < probability;
    }
}
