package io.tasker.data.dag;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The fields of one YAML object, read for the DAG parser: typed getters that add a {@link Problem} at the field's
 * path (such as {@code jobs[1].unique_key}) for a wrong type, a missing required field or an unknown key.
 */
final class Fields {

    private final JsonNode node;
    private final String path;
    private final List<Problem> problems;

    private Fields(JsonNode node, String path, List<Problem> problems) {
        this.node = node;
        this.path = path;
        this.problems = problems;
    }

    static Optional<Fields> of(JsonNode node, String path, List<Problem> problems, Set<String> allowed) {
        if (node == null || !node.isObject()) {
            problems.add(new Problem(path, "must be a mapping"));
            return Optional.empty();
        }
        Iterator<String> names = node.propertyNames().iterator();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                problems.add(new Problem(path.isEmpty() ? name : path + "." + name, "unknown field"));
            }
        }
        return Optional.of(new Fields(node, path, problems));
    }

    String at(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    void problem(String field, String message) {
        problems.add(new Problem(at(field), message));
    }

    boolean has(String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    JsonNode raw(String field) {
        return node.get(field);
    }

    Optional<String> text(String field) {
        if (!has(field)) {
            return Optional.empty();
        }
        JsonNode value = node.get(field);
        if (!value.isString() && !value.isNumber()) {
            problem(field, "must be a string");
            return Optional.empty();
        }
        return Optional.of(value.asString());
    }

    Optional<String> requiredText(String field) {
        Optional<String> text = text(field).filter(t -> !t.isBlank());
        if (text.isEmpty() && !has(field)) {
            problem(field, "is required");
        }
        return text;
    }

    Optional<Integer> integer(String field, int min, int max) {
        if (!has(field)) {
            return Optional.empty();
        }
        JsonNode value = node.get(field);
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < min || value.asInt() > max) {
            problem(field, "must be a whole number from " + min + " to " + max);
            return Optional.empty();
        }
        return Optional.of(value.asInt());
    }

    Optional<Long> longValue(String field) {
        if (!has(field)) {
            return Optional.empty();
        }
        JsonNode value = node.get(field);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            problem(field, "must be a whole number");
            return Optional.empty();
        }
        return Optional.of(value.asLong());
    }

    List<String> strings(String field) {
        if (!has(field)) {
            return List.of();
        }
        JsonNode value = node.get(field);
        if (value.isString()) {
            return List.of(value.asString());
        }
        if (!value.isArray()) {
            problem(field, "must be a list of strings");
            return List.of();
        }
        List<String> strings = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isString()) {
                problem(field, "must be a list of strings");
                return List.of();
            }
            strings.add(item.asString());
        }
        return strings;
    }

    Optional<ObjectNode> object(String field) {
        if (!has(field)) {
            return Optional.empty();
        }
        JsonNode value = node.get(field);
        if (!value.isObject()) {
            problem(field, "must be a mapping");
            return Optional.empty();
        }
        return Optional.of((ObjectNode) value);
    }
}
