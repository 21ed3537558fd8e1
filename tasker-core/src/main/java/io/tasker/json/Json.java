package io.tasker.json;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON mappers Tasker uses everywhere: one for ordinary use, one that writes canonical (key-sorted) text. Both
 * read decimals as {@link java.math.BigDecimal} (a double would turn {@code 1e400} into Infinity and
 * {@code 1E-999999999} into 0), and refuse an object with the same key twice and content after the document.
 */
public final class Json {

    public static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final JsonMapper CANONICAL = MAPPER.rebuild()
            .enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED)
            .build();

    private static final Pattern DUPLICATE = Pattern.compile("Duplicate property \"(.*)\" for ");
    /** Jackson names its own classes and settings in backquotes; a client has no use for them. */
    private static final Pattern SOURCE = Pattern.compile("\\s*\\(start marker at \\[Source:[^\\]]*\\]\\)");
    private static final Pattern INTERNAL = Pattern.compile(",? ?(from |when )?`[A-Za-z][\\w.$]*(\\(\\))?`( enabled)?");

    private Json() {
    }

    /** Parses JSON text; throws {@link JsonFormatException} with the parser's position on malformed input. */
    public static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JacksonException e) {
            throw new JsonFormatException("malformed JSON: " + describe(e), e);
        }
    }

    /** A parser's complaint in words for the client: no library class or setting names, no stack. */
    public static String describe(JacksonException e) {
        String message = e.getOriginalMessage() == null ? "cannot be read" : e.getOriginalMessage();
        Matcher duplicate = DUPLICATE.matcher(message);
        if (duplicate.find()) {
            return "the key \"" + duplicate.group(1) + "\" appears twice in one object";
        }
        if (message.startsWith("Trailing token")) {
            return "more content follows the end of the document";
        }
        String cleaned = INTERNAL.matcher(SOURCE.matcher(message).replaceAll("")).replaceAll("").replace("()", "")
                .strip();
        if (e instanceof StreamConstraintsException) {
            return "too large: " + cleaned;
        }
        return cleaned;
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
