package io.tasker.server.fuzz;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.tasker.json.Json;
import io.tasker.server.ApiClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the OpenAPI document promises about an answer: its status is listed for the operation (or is one of the
 * statuses any operation may answer), an error is in the {@code Error} format with a documented code and nothing of
 * the server's insides, and a JSON success body matches the operation's response schema.
 */
final class DocumentedAnswers {

    /** Statuses the document allows on any operation (see its description). */
    static final Set<Integer> ANY_OPERATION = Set.of(400, 404, 405, 408, 413, 415, 503);
    private static final Set<String> ERROR_FIELDS = Set.of("error", "message", "field", "problems",
            "existing_task_uuid");
    private static final String BASE = "https://tasker.invalid/openapi.json";
    private static final List<String> INTERNALS = List.of("Exception", "\tat ", "SQLSTATE", "org.postgresql",
            "tools.jackson", "com.networknt", "StreamReadConstraints", "java.", "tasker.tasks", "select ");

    private final JsonNode document;
    private final SchemaRegistry registry;
    private final List<String> errorCodes = new ArrayList<>();

    DocumentedAnswers(JsonNode original) {
        ObjectNode document = (ObjectNode) original.deepCopy();
        this.document = document;
        // Inline response schemas get a name, so that each can be addressed as #/components/schemas/<name>.
        ObjectNode schemas = (ObjectNode) document.path("components").path("schemas");
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation ->
                operation.getValue().path("responses").properties().forEach(response -> {
                    JsonNode json = response.getValue().path("content").path("application/json");
                    if (json.has("schema") && !json.path("schema").has("$ref")) {
                        String name = "Inline_" + schemas.size();
                        schemas.set(name, json.get("schema"));
                        ((ObjectNode) json).set("schema", Json.object().put("$ref", "#/components/schemas/" + name));
                    }
                })));
        this.registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemas(Map.of(BASE, Json.write(document))));
        document.path("components").path("schemas").path("Error").path("properties").path("error").path("enum")
                .forEach(code -> errorCodes.add(code.asString()));
    }

    /** Why {@code response} breaks the document's promises for the operation, if it does. */
    Optional<String> problem(String method, String path, ApiClient.Response response) {
        JsonNode operation = document.path("paths").path(path).path(method);
        JsonNode documented = operation.path("responses").path(Integer.toString(response.status()));
        if (response.status() >= 500) { // the database is up: not even 503 is expected
            return Optional.of("server error " + response.status() + ": " + response.body());
        }
        if (documented.isMissingNode() && !ANY_OPERATION.contains(response.status())) {
            return Optional.of("undocumented status " + response.status() + ": " + response.body());
        }
        String type = response.headers().getOrDefault("content-type", "");
        if (!type.startsWith("application/json")) {
            return path.equals("/metrics") && response.status() == 200 ? Optional.empty()
                    : Optional.of("not JSON (" + type + "): " + response.body());
        }
        JsonNode body;
        try {
            body = Json.parse(response.body());
        } catch (RuntimeException e) {
            return Optional.of("body is not JSON: " + response.body());
        }
        if (response.status() >= 400) {
            return errorProblem(body, response.body());
        }
        JsonNode reference = documented.path("content").path("application/json").path("schema").path("$ref");
        if (reference.isMissingNode()) {
            return Optional.empty();
        }
        Schema schema = registry.getSchema(SchemaLocation.of(BASE + reference.asString()));
        List<String> violations = schema.validate(body).stream()
                .map(e -> e.getInstanceLocation() + ": " + e.getMessage()).limit(5).toList();
        return violations.isEmpty() ? Optional.empty()
                : Optional.of(response.status() + " body does not match " + reference.asString() + ": " + violations);
    }

    private Optional<String> errorProblem(JsonNode body, String text) {
        for (String internal : INTERNALS) {
            if (text.contains(internal)) {
                return Optional.of("error body shows '" + internal + "': " + text);
            }
        }
        if (!errorCodes.contains(body.path("error").asString()) || body.path("message").asString().isBlank()) {
            return Optional.of("error body not in the Error format: " + text);
        }
        for (String field : body.propertyNames()) {
            if (!ERROR_FIELDS.contains(field)) {
                return Optional.of("error body has an undocumented field '" + field + "': " + text);
            }
        }
        return Optional.empty();
    }
}
