package io.tasker.server;

import static io.tasker.server.ErrorBodies.assertError;
import static io.tasker.server.ErrorBodies.assertFieldError;
import static org.assertj.core.api.Assertions.assertThat;

import io.tasker.json.Json;
import io.tasker.testing.DatabaseTest;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What PostgreSQL cannot store is refused at the edge with a 400 naming the field, instead of a 500: NUL characters
 * anywhere (values, keys, query parameters), bytes that are not UTF-8, a key given twice, and numbers that cannot be
 * kept exactly. Numbers that can be kept are kept exactly.
 */
@DatabaseTest
class NulAndNumbersApiTest {

    private static final String TEMPLATE = """
            name: order
            namespace_name: strict
            version: 1.0.0
            identity_strategy: always_unique
            steps:
              - {name: only, handler: {callable: external}}
            """;

    private TaskerServer server;
    private ApiClient api;

    @BeforeEach
    void start(DataSource dataSource) {
        server = Servers.withTemplates(dataSource, TEMPLATE);
        api = new ApiClient(server.baseUrl());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ApiClient.Response create(Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("namespace", "strict", "name", "order"));
        body.putAll(extra);
        return api.post("/v1/tasks", body);
    }

    @Test
    void a_nul_character_in_any_string_of_a_new_task_is_a_400_naming_where_it_is() {
        assertFieldError(create(Map.of("context", Map.of("a", Map.of("b", "x\u0000y")))), "context.a.b");
        assertFieldError(create(Map.of("context", Map.of("k\u0000", 1))), "context.k\\u0000");
        assertFieldError(create(Map.of("reason", "because\u0000")), "reason");
        assertFieldError(create(Map.of("initiator", "\u0000")), "initiator");
        assertFieldError(create(Map.of("source_system", "s\u0000")), "source_system");
        assertFieldError(create(Map.of("tags", List.of("ok", "b\u0000d"))), "tags[1]");
        assertFieldError(create(Map.of("idempotency_key", "k\u0000")), "idempotency_key");
        assertThat(create(Map.of("context", Map.of("a", "fine"))).status()).isEqualTo(201);
    }

    @Test
    void a_nul_character_in_a_query_parameter_dlq_notes_or_an_operator_result_is_a_400() {
        assertFieldError(api.get("/v1/tasks?initiator=a%00b"), "initiator");
        String task = create(Map.of()).json().path("task_uuid").asString();
        assertFieldError(api.post("/v1/dlq", Map.of("task_uuid", task, "notes", "n\u0000")), "notes");
        String step = api.get("/v1/tasks/" + task + "/workflow_steps").json().get(0).path("step_uuid").asString();
        assertFieldError(api.patch("/v1/tasks/" + task + "/workflow_steps/" + step, Map.of(
                "action_type", "complete_manually", "completion_data", Map.of("result", Map.of("r", "\u0000")))),
                "completion_data.result.r");
    }

    @Test
    void a_nul_character_in_a_path_segment_is_a_400() {
        // Jetty refuses an encoded NUL in the path before any route sees it; the answer is still ours.
        assertError(api.post("/v1/admin/users/a%00b/disable", Map.of()), 400, "invalid_request");
        assertError(api.post("/v1/admin/roles/r%00/grant", Map.of("users", List.of("x"))), 400, "invalid_request");
        assertError(api.get("/v1/templates/strict/order%00/1.0.0"), 400, "invalid_request");
    }

    @Test
    void a_body_that_is_not_utf8_is_refused_not_repaired() {
        byte[] latin1 = "{\"namespace\": \"strict\", \"name\": \"order\", \"reason\": \"caf\u00e9\"}"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        JsonNode body = assertFieldError(api.sendBytes("POST", "/v1/tasks", "application/json", latin1), "body");
        assertThat(body.path("message").asString()).contains("not valid UTF-8");
    }

    @Test
    void a_key_given_twice_is_refused() {
        JsonNode body = assertFieldError(api.post("/v1/tasks",
                "{\"namespace\": \"strict\", \"name\": \"order\", \"name\": \"other\"}"), "body");
        assertThat(body.path("message").asString()).contains("\"name\" appears twice");
    }

    @Test
    void numbers_are_kept_exactly_or_refused() {
        ApiClient.Response created = api.post("/v1/tasks", """
                {"namespace": "strict", "name": "order",
                 "context": {"huge": 1e400, "precise": 0.1000000000000000055511151231257827, "money": 19.90,
                             "big": 123456789012345678901234567890}}
                """);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode context = api.get("/v1/tasks/" + created.json().path("task_uuid").asString()).json().path("context");
        assertThat(context.path("huge").decimalValue()).isEqualByComparingTo(new BigDecimal("1E+400"));
        assertThat(context.path("precise").decimalValue())
                .isEqualTo(new BigDecimal("0.1000000000000000055511151231257827"));
        assertThat(context.path("money").decimalValue()).isEqualByComparingTo(new BigDecimal("19.90"));
        assertThat(context.path("big").bigIntegerValue()).hasToString("123456789012345678901234567890");

        JsonNode refused = assertFieldError(api.post("/v1/tasks",
                "{\"namespace\": \"strict\", \"name\": \"order\", \"context\": {\"tiny\": 1E-999999999}}"),
                "context.tiny");
        assertThat(refused.path("message").asString()).contains("cannot be stored exactly");

        // Found by the fuzzer: a number field compared as a double failed on 1e400 instead of refusing it.
        String step = api.get("/v1/tasks/" + created.json().path("task_uuid").asString() + "/workflow_steps").json()
                .get(0).path("step_uuid").asString();
        assertFieldError(api.post("/v1/workers/claims/" + step + "/result", "{\"lease_token\": \"" + UUID.randomUUID()
                + "\", \"status\": \"retryable_failure\", \"retry_after_seconds\": 1e400}"), "retry_after_seconds");
    }

    @Test
    void unknown_or_repeated_query_parameters_are_refused_like_unknown_fields() {
        assertThat(assertFieldError(api.get("/v1/tasks?pge=2"), "pge").path("message").asString())
                .contains("unknown query parameter");
        assertFieldError(api.get("/v1/tasks?page=1&page=2"), "page");
        assertFieldError(api.get("/v1/tasks/" + UUID.randomUUID() + "?verbose=1"), "verbose");
        assertThat(api.get("/v1/tasks?page=1&per_page=5").status()).isEqualTo(200);
    }

    @Test
    void an_unknown_path_gets_the_documented_404_body_whatever_it_accepts() {
        JsonNode body = assertError(api.with("Accept", "application/json").get("/v1/nothing-here"), 404, "not_found");
        assertThat(body.path("message").asString()).isEqualTo("no such path");
        assertError(api.get("/nothing-here"), 404, "not_found");
        assertThat(Json.write(body)).doesNotContain("title");
    }
}
