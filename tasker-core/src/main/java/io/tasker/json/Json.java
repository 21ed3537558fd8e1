package io.tasker.json;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The JSON mappers Tasker uses everywhere: one for ordinary use, one that writes canonical (key-sorted) text. */
public final class Json {

    public static final JsonMapper MAPPER = JsonMapper.builder().build();

    private static final JsonMapper CANONICAL = JsonMapper.builder()
            .enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED)
            .build();

    private Json() {
    }

    /** Parses JSON text; throws {@link JsonFormatException} with the parser's position on malformed input. */
    public static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JacksonException e) {
            throw new JsonFormatException("malformed JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static String write(JsonNode node) {
        return MAPPER.writeValueAsString(node);
    }

    /** Object keys sorted at every depth, no whitespace: equal documents give equal text. */
    public static String canonical(JsonNode node) {
        return CANONICAL.writeValueAsString(node);
    }

    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    public static <T> JsonNode toTree(T value) {
        return MAPPER.valueToTree(value);
    }
}
