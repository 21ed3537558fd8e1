package io.tasker.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.tasker.testing.DatabaseTest;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Bad input gets a clear JSON error with the right status, and never SQL text or a stack trace: malformed JSON,
 * wrong types, unknown fields, huge bodies, wrong content types, invalid UUIDs, path traversal and SQL
 * meta-characters in every path and query parameter.
 */
@DatabaseTest
class ErrorsApiTest {

    private static final List<String> HOSTILE = List.of("../../etc/passwd", "%2e%2e%2f%2e%2e%2fetc", "1' OR '1'='1",
            "x;DROP TABLE tasker.tasks;--", "%00", "%27%3B%20SELECT%20pg_sleep(5)%3B--", "not-a-uuid",
            "00000000-0000-0000-0000-00000000000g", "%F0%9F%92%A5");

    private TaskerServer server;
    private ApiClient api;

    @BeforeEach
    void start(DataSource dataSource) {
        server = TaskerServer.start(Servers.settings(dataSource).withLimits(64 * 1024, 4 * 1024));
        api = new ApiClient(server.baseUrl());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static void assertError(ApiClient.Response response, int status, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().get("content-type")).startsWith("application/json");
        JsonNode body = response.json();
        assertThat(body.path("error").asString()).isEqualTo(code);
        assertThat(body.path("message").asString()).isNotBlank();
        assertThat(response.body()).doesNotContainIgnoringCase("select ").doesNotContain("tasker.tasks")
                .doesNotContain("SQLSTATE").doesNotContain("Exception").doesNotContain("\tat ")
                .doesNotContain("org.postgresql");
    }

    @Test
    void malformed_json_is_a_bad_request() {
        assertError(api.post("/v1/tasks", "{\"namespace\": \"x\", "), 400, "invalid_request");
        assertError(api.post("/v1/tasks", "[1, 2, 3]"), 400, "invalid_request");
        assertError(api.post("/v1/tasks", ""), 400, "invalid_request");
    }

    @Test
    void wrong_types_and_ranges_name_the_field() {
        ApiClient.Response wrongType = api.post("/v1/tasks", Map.of("namespace", "linear_workflow",
                "name", "mathematical_sequence", "priority", "high"));
        assertError(wrongType, 400, "invalid_request");
        assertThat(wrongType.json().path("field").asString()).isEqualTo("priority");
        ApiClient.Response outOfRange = api.post("/v1/tasks", Map.of("namespace", "linear_workflow",
                "name", "mathematical_sequence", "priority", 1000));
        assertThat(outOfRange.json().path("field").asString()).isEqualTo("priority");
        ApiClient.Response contextNotObject = api.post("/v1/tasks", Map.of("namespace", "linear_workflow",
                "name", "mathematical_sequence", "context", List.of(1)));
        assertThat(contextNotObject.json().path("field").asString()).isEqualTo("context");
        ApiClient.Response badUuid = api.post("/v1/tasks", Map.of("namespace", "linear_workflow",
                "name", "mathematical_sequence", "correlation_id", "nope"));
        assertThat(badUuid.json().path("field").asString()).isEqualTo("correlation_id");
        ApiClient.Response missing = api.post("/v1/tasks", Map.of("name", "mathematical_sequence"));
        assertThat(missing.json().path("field").asString()).isEqualTo("namespace");
    }

    @Test
    void unknown_fields_are_refused() {
        ApiClient.Response response = api.post("/v1/tasks", Map.of("namespace", "linear_workflow",
                "name", "mathematical_sequence", "contxt", Map.of()));
        assertError(response, 400, "invalid_request");
        assertThat(response.json().path("field").asString()).isEqualTo("contxt");
    }

    @Test
    void a_context_that_breaks_the_input_schema_is_a_bad_request() {
        ApiClient.Response response = api.post("/v1/tasks", Map.of("namespace", "linear_workflow",
                "name", "mathematical_sequence", "context", Map.of("even_number", 3)));
        assertError(response, 400, "invalid_request");
        assertThat(response.json().path("message").asString()).contains("input_schema").contains("/even_number");
    }

    @Test
    void huge_bodies_and_contexts_are_too_large() {
        String big = "x".repeat(100 * 1024);
        assertError(api.post("/v1/tasks", Map.of("namespace", "linear_workflow", "name", "mathematical_sequence",
                "context", Map.of("blob", big))), 413, "payload_too_large");
        assertError(api.post("/v1/tasks", Map.of("namespace", "linear_workflow", "name", "mathematical_sequence",
                "context", Map.of("even_number", 2, "blob", "y".repeat(5 * 1024)))), 413, "payload_too_large");
    }

    @Test
    void wrong_content_types_are_unsupported() {
        assertError(api.send("POST", "/v1/tasks", "text/plain", "{}"), 415, "unsupported_media_type");
        assertError(api.send("POST", "/v1/tasks", null, "{}"), 415, "unsupported_media_type");
        assertError(api.send("POST", "/v1/templates", "text/plain", "name: x"), 415, "unsupported_media_type");
    }

    @Test
    void unknown_tasks_templates_and_paths_are_not_found() {
        assertError(api.get("/v1/tasks/01900000-0000-7000-8000-000000000099"), 404, "not_found");
        assertError(api.get("/v1/tasks/01900000-0000-7000-8000-000000000099/workflow_steps"), 404, "not_found");
        assertError(api.get("/v1/templates/linear_workflow/nope/1.0.0"), 404, "not_found");
        assertError(api.get("/v1/no/such/path"), 404, "not_found");
        assertError(api.post("/v1/tasks", Map.of("namespace", "linear_workflow", "name", "nope")), 404, "not_found");
    }

    @Test
    void wrong_methods_are_not_allowed() {
        assertError(api.send("PUT", "/v1/tasks", "application/json", "{}"), 405, "method_not_allowed");
    }

    @Test
    void hostile_path_parameters_are_refused_cleanly() {
        for (String value : HOSTILE) {
            for (String path : Stream.of("/v1/tasks/%s", "/v1/tasks/%s/workflow_steps",
                    "/v1/tasks/01900000-0000-7000-8000-000000000001/workflow_steps/%s",
                    "/v1/tasks/%s/workflow_steps/01900000-0000-7000-8000-000000000001/audit",
                    "/v1/templates/%s/name/1.0.0", "/v1/templates/ns/%s/1.0.0", "/v1/templates/ns/name/%s")
                    .map(p -> p.formatted(value)).toList()) {
                ApiClient.Response response = api.get(path.replace("'", "%27").replace(" ", "%20").replace(";", "%3B"));
                assertThat(response.status()).as(path).isIn(400, 404);
                assertError(response, response.status(), response.status() == 400 ? "invalid_request" : "not_found");
            }
            ApiClient.Response delete = api.delete("/v1/tasks/" + value.replace("'", "%27").replace(" ", "%20")
                    .replace(";", "%3B"));
            assertThat(delete.status()).as(value).isIn(400, 404);
        }
    }

    @Test
    void hostile_query_parameters_are_refused_cleanly() {
        for (String value : HOSTILE) {
            for (String parameter : List.of("namespace", "name", "status", "correlation_id", "page", "per_page")) {
                ApiClient.Response response = api.get("/v1/tasks?" + parameter + "=" + encode(value));
                assertThat(response.status()).as(parameter + "=" + value).isIn(400, 200);
                if (response.status() == 400) {
                    assertError(response, 400, "invalid_request");
                    assertThat(response.json().path("field").asString()).isEqualTo(parameter);
                }
            }
            ApiClient.Response initiator = api.get("/v1/tasks?initiator=" + encode(value) + "&source_system="
                    + encode(value));
            assertThat(initiator.status()).as("free text filters are bound, not spliced").isEqualTo(200);
            assertThat(initiator.json().path("tasks")).isEmpty();
        }
        assertError(api.get("/v1/tasks?per_page=101"), 400, "invalid_request");
        ApiClient.Response status = api.get("/v1/tasks?status=done");
        assertError(status, 400, "invalid_request");
        assertThat(status.json().path("message").asString()).as("all 12 states").isEqualTo("status: must be one of the"
                + " task states pending, initializing, enqueuing_steps, steps_in_process, evaluating_results,"
                + " waiting_for_dependencies, waiting_for_retry, blocked_by_failures, complete, error, cancelled,"
                + " resolved_manually");
        assertError(api.get("/v1/templates?namespace=Bad-NS"), 400, "invalid_request");
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void an_invalid_template_lists_every_problem() {
        ApiClient.Response response = api.send("POST", "/v1/templates", "application/yaml", """
                name: broken
                namespace_name: Bad-NS
                version: 1.0.0
                steps:
                  - {name: a, handler: {callable: noop}, dependencies: [ghost]}
                """);
        assertError(response, 400, "invalid_template");
        assertThat(response.json().path("problems")).hasSize(2);
    }
}
