package io.tasker.json;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLParser;

/**
 * YAML read strictly, for templates and the settings file: a tag ({@code !!java/object}, {@code !ruby/...}), an
 * anchor or alias ({@code &name}, {@code *name}), the same key twice in one mapping, or a second document is
 * refused instead of being ignored or resolved silently. Decimals are read exactly, as in {@link Json}.
 */
public final class Yaml {

    /**
     * Most tokens (keys, values, brackets) one document may have: a template of 1,000 rich steps has well under
     * this, and a 2 MB document of a million scalars is refused after one cheap pass instead of built into a tree.
     */
    public static final int MAX_TOKENS = 250_000;

    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Yaml() {
    }

    /** Parses YAML text; throws {@link JsonFormatException} naming the problem and its line. */
    public static JsonNode parse(String text) {
        try {
            refuseTagsAndAliases(text);
            return MAPPER.readTree(text);
        } catch (JacksonException e) {
            throw new JsonFormatException("not valid YAML: " + Json.describe(e) + location(e), e);
        }
    }

    /** A first pass over the tokens: the tree reader would resolve aliases and drop tags without a word. */
    private static void refuseTagsAndAliases(String text) {
        try (JsonParser parser = MAPPER.createParser(text)) {
            YAMLParser yaml = (YAMLParser) parser;
            int tokens = 0;
            while (yaml.nextToken() != null) {
                if (++tokens > MAX_TOKENS) {
                    throw new StreamReadException(yaml, "too large: more than " + MAX_TOKENS + " keys and values");
                }
                if (yaml.getRawTag() != null) {
                    throw new StreamReadException(yaml, "tags (!!type, !name) are not allowed");
                }
                if (yaml.isCurrentAlias() || yaml.getObjectId() != null) {
                    throw new StreamReadException(yaml, "anchors and aliases (&name, *name) are not allowed");
                }
            }
        }
    }

    private static String location(JacksonException e) {
        if (e.getLocation() == null || e.getLocation().getLineNr() < 0) {
            return "";
        }
        return " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }
}
