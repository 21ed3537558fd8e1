package io.tasker.server.api;

import io.tasker.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The OpenAPI document, served as JSON: {@code openapi.yaml} next to this class, with the tags, paths and schemas
 * of each part file merged in (one part per area, so that areas are documented beside each other).
 */
public final class OpenApi {

    /** Part files next to this class; each has {@code tags}, {@code paths} and {@code components.schemas}. */
    static final List<String> PARTS = List.of("openapi-admin.yaml", "openapi-workflow.yaml", "openapi-data.yaml",
            "openapi-board.yaml");

    private OpenApi() {
    }

    public static JsonNode document() {
        ObjectNode document = (ObjectNode) read("openapi.yaml");
        for (String name : PARTS) {
            JsonNode part = read(name);
            part.path("tags").forEach(((ArrayNode) document.get("tags"))::add);
            ObjectNode paths = (ObjectNode) document.get("paths");
            part.path("paths").properties().forEach(e -> paths.set(e.getKey(), e.getValue()));
            for (String section : List.of("schemas", "parameters")) {
                ObjectNode merged = (ObjectNode) document.get("components").get(section);
                part.path("components").path(section).properties().forEach(e -> merged.set(e.getKey(), e.getValue()));
            }
        }
        return document;
    }

    public static String json() {
        return Json.write(document());
    }

    private static JsonNode read(String name) {
        try (InputStream in = OpenApi.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the server jar");
            }
            return YAMLMapper.builder().build().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
