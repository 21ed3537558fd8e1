package io.tasker.server.api;

import io.tasker.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The OpenAPI document ({@code openapi.yaml} next to this class), served as JSON. */
public final class OpenApi {

    private OpenApi() {
    }

    public static JsonNode document() {
        try (InputStream in = OpenApi.class.getResourceAsStream("openapi.yaml")) {
            if (in == null) {
                throw new IllegalStateException("openapi.yaml is missing from the server jar");
            }
            return YAMLMapper.builder().build().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String json() {
        return Json.write(document());
    }
}
