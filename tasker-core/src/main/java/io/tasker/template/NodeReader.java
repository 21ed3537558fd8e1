package io.tasker.template;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the fields of one JSON/YAML object for the template parser: typed getters that report wrong types, missing
 * required fields, out-of-range numbers and unknown keys (typos such as {@code depend_on}) to a shared problem list,
 * each prefixed with where it was found.
 */
final class NodeReader {

    private final JsonNode node;
    private final String where;
    private final List<String> problems;

    private NodeReader(JsonNode node, String where, List<String> problems) {
        this.node = node;
        this.where = where;
        this.problems = problems;
    }

    /** A reader for {@code node}, which must be an object whose keys are all in {@code allowed}. */
    static Optional<NodeReader> of(JsonNode node, String where, List<String> problems, Set<String> allowed) {
        if (node == null || !node.isObject()) {
            problems.add(where + ": must be an object");
            return Optional.empty();
        }
        Iterator<String> names = node.propertyNames().iterator();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                problems.add(where + ": unknown field '" + name + "'");
            }
        }
        return Optional.of(new NodeReader(node, where, problems));
    }

    String where() {
        return where;
    }

    void problem(String message) {
        problems.add(where + ": " + message);
    }

    boolean has(String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    Optional<JsonNode> raw(String field) {
        return has(field) ? Optional.of(node.get(field)) : Optional.empty();
    }

    Optional<String> text(String field, int maxLength) {
        if (!has(field)) {
            return Optional.empty();
        }
        JsonNode value = node.get(field);
        if (!value.isString() && !value.isNumber() && !value.isBoolean()) {
            problem(field + " must be a string");
            return Optional.empty();
        }
        String text = value.asString();
        if (text.length() > maxLength) {
            problem(field + " must be at most " + maxLength + " characters");
            return Optional.empty();
        }
        return Optional.of(text);
    }

    String requiredText(String field, int maxLength) {
        Optional<String> text = text(field, maxLength);
        if (text.isEmpty() || text.get().isBlank()) {
            if (!has(field)) {
                problem(field + " is required");
            } else if (text.isPresent()) {
                problem(field + " must not be empty");
            }
            return "";
        }
        return text.get();
    }

    Optional<Long> number(String field, long min, long max) {
        if (!has(field)) {
            return Optional.empty();
        }
        JsonNode value = node.get(field);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            problem(field + " must be a whole number, got " + describe(value));
            return Optional.empty();
        }
        long number = value.asLong();
        if (number < min || number > max) {
            problem(field + " must be between " + min + " and " + max + ", got " + number);
            return Optional.empty();
        }
        return Optional.of(number);
    }

    /** A number (fractions allowed) in {@code (0, max]}. */
    Optional<Double> positive(String field, double max) {
        if (!has(field)) {
            return Optional.empty();
        }
        JsonNode value = node.get(field);
        if (!value.isNumber() || value.asDouble() <= 0 || value.asDouble() > max) {
            problem(field + " must be a number above 0 and at most " + (long) max + ", got " + describe(value));
            return Optional.empty();
        }
        return Optional.of(value.asDouble());
    }

    Optional<Integer> integer(String field, int min, int max) {
        return number(field, min, max).map(Long::intValue);
    }

    Optional<Boolean> bool(String field) {
        if (!has(field)) {
            return Optional.empty();
        }
        JsonNode value = node.get(field);
        if (!value.isBoolean()) {
            problem(field + " must be true or false, got " + describe(value));
            return Optional.empty();
        }
        return Optional.of(value.asBoolean());
    }

    /** An object field; absent or null gives empty. */
    Optional<ObjectNode> object(String field) {
        if (!has(field)) {
            return Optional.empty();
        }
        JsonNode value = node.get(field);
        if (!value.isObject()) {
            problem(field + " must be an object, got " + describe(value));
            return Optional.empty();
        }
        return Optional.of((ObjectNode) value);
    }

    /** A list field; absent or null gives an empty list. */
    List<JsonNode> list(String field) {
        if (!has(field)) {
            return List.of();
        }
        JsonNode value = node.get(field);
        if (!value.isArray()) {
            problem(field + " must be a list, got " + describe(value));
            return List.of();
        }
        List<JsonNode> items = new ArrayList<>();
        value.forEach(items::add);
        return items;
    }

    /** A list of strings. */
    List<String> strings(String field, int maxLength) {
        List<String> strings = new ArrayList<>();
        List<JsonNode> items = list(field);
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            if (!item.isString() || item.asString().isBlank() || item.asString().length() > maxLength) {
                problem(field + "[" + i + "] must be a non-empty string of at most " + maxLength + " characters");
            } else {
                strings.add(item.asString());
            }
        }
        return strings;
    }

    /** One of {@code choices} (case-insensitive); absent gives {@code fallback}. */
    String choice(String field, List<String> choices, String fallback) {
        Optional<String> text = text(field, 64);
        if (text.isEmpty()) {
            return fallback;
        }
        String value = text.get().toLowerCase(java.util.Locale.ROOT);
        if (!choices.contains(value)) {
            problem(field + " must be one of " + String.join(", ", choices) + ", got '" + text.get() + "'");
            return fallback;
        }
        return value;
    }

    private static String describe(JsonNode value) {
        if (value.isString()) {
            return "'" + value.asString() + "'";
        }
        return value.isContainer() ? value.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
                : value.toString();
    }
}
