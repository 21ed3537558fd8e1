package io.tasker.server.api;

import io.javalin.http.Context;
import io.tasker.json.Json;
import io.tasker.json.JsonFormatException;
import io.tasker.json.StorableJson;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A request's JSON object body, read strictly: it must be {@code application/json}, parse, be an object, and hold
 * only the fields the endpoint knows; typed getters name the field when a value is wrong.
 */
public final class JsonBody {

    private final ObjectNode body;

    private JsonBody(ObjectNode body) {
        this.body = body;
    }

    /** Parses the body; {@code allowed} lists the fields the endpoint accepts. */
    public static JsonBody of(Context ctx, Set<String> allowed) {
        return of(ctx, allowed, Set.of());
    }

    /**
     * Like {@link #of(Context, Set)}, but the fields in {@code storedByEngine} are left to the engine's own check of
     * what it can store: a worker's result that cannot be stored fails its step rather than being refused here (a
     * refused result would be sent again and again until the lease expired).
     */
    public static JsonBody of(Context ctx, Set<String> allowed, Set<String> storedByEngine) {
        requireJson(ctx);
        String text = Utf8Body.of(ctx);
        if (text.isBlank()) {
            throw new FieldException("body", "a JSON object is required");
        }
        JsonNode node;
        try {
            node = Json.parse(text);
        } catch (JsonFormatException e) {
            throw new FieldException("body", e.getMessage());
        }
        if (!node.isObject()) {
            throw new FieldException("body", "must be a JSON object");
        }
        Iterator<String> names = node.propertyNames().iterator();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new FieldException(StorableJson.withoutNul(name), "unknown field");
            }
        }
        // PostgreSQL stores neither NUL characters nor numbers it cannot keep exactly: refuse them here, by name.
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (!storedByEngine.contains(field.getKey())) {
                StorableJson.problem(field.getValue(), field.getKey()).ifPresent(problem -> {
                    throw new FieldException(problem.path(), problem.reason());
                });
            }
        }
        return new JsonBody((ObjectNode) node);
    }

    /** Refuses bodies that do not declare a JSON content type (415). */
    public static void requireJson(Context ctx) {
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw ApiException.unsupportedMediaType("the body must be application/json");
        }
    }

    public boolean has(String field) {
        JsonNode value = body.get(field);
        return value != null && !value.isNull();
    }

    public Optional<String> text(String field, int maxLength) {
        if (!has(field)) {
            return Optional.empty();
        }
        JsonNode value = body.get(field);
        if (!value.isString()) {
            throw new FieldException(field, "must be a string");
        }
        String text = value.asString();
        if (text.length() > maxLength) {
            throw new FieldException(field, "must be at most " + maxLength + " characters");
        }
        return Optional.of(text);
    }

    public String requiredText(String field, int maxLength) {
        return text(field, maxLength).filter(t -> !t.isBlank())
                .orElseThrow(() -> new FieldException(field, "is required"));
    }

    public Optional<Integer> integer(String field, int min, int max) {
        if (!has(field)) {
            return Optional.empty();
        }
        JsonNode value = body.get(field);
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new FieldException(field, "must be a whole number");
        }
        int number = value.asInt();
        if (number < min || number > max) {
            throw new FieldException(field, "must be between " + min + " and " + max + ", got " + number);
        }
        return Optional.of(number);
    }

    public Optional<Double> number(String field, double min, double max) {
        if (!has(field)) {
            return Optional.empty();
        }
        JsonNode value = body.get(field);
        if (!value.isNumber()) {
            throw new FieldException(field, "must be a number");
        }
        // Compared exactly: 1e400 has no double, and must be refused rather than fail the conversion.
        BigDecimal number = value.decimalValue();
        if (number.compareTo(BigDecimal.valueOf(min)) < 0
                || number.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw new FieldException(field, "must be between " + min + " and " + max);
        }
        return Optional.of(number.doubleValue());
    }

    public Optional<Boolean> bool(String field) {
        if (!has(field)) {
            return Optional.empty();
        }
        JsonNode value = body.get(field);
        if (!value.isBoolean()) {
            throw new FieldException(field, "must be true or false");
        }
        return Optional.of(value.asBoolean());
    }

    public Optional<UUID> uuid(String field) {
        return text(field, 64).map(text -> Params.parseUuid(field, text));
    }

    public UUID requiredUuid(String field) {
        return uuid(field).orElseThrow(() -> new FieldException(field, "is required"));
    }

    public Optional<ObjectNode> object(String field) {
        if (!has(field)) {
            return Optional.empty();
        }
        JsonNode value = body.get(field);
        if (!value.isObject()) {
            throw new FieldException(field, "must be a JSON object");
        }
        return Optional.of((ObjectNode) value);
    }

    /** A nested object's fields, checked like a body's ({@code allowed} lists the fields it accepts). */
    public JsonBody nested(String field, Set<String> allowed) {
        ObjectNode value = object(field).orElseThrow(() -> new FieldException(field, "is required"));
        for (String name : value.propertyNames()) {
            if (!allowed.contains(name)) {
                throw new FieldException(field + "." + name, "unknown field");
            }
        }
        return new JsonBody(value);
    }

    /** Any JSON value (null stays absent). */
    public Optional<JsonNode> any(String field) {
        return has(field) ? Optional.of(body.get(field)) : Optional.empty();
    }

    public List<String> strings(String field) {
        if (!has(field)) {
            return List.of();
        }
        JsonNode value = body.get(field);
        if (!value.isArray()) {
            throw new FieldException(field, "must be a list of strings");
        }
        List<String> strings = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isString()) {
                throw new FieldException(field, "must be a list of strings");
            }
            strings.add(item.asString());
        }
        return strings;
    }
}
