package io.tasker.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.tasker.json.Json;
import io.tasker.testing.DatabaseTest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The built-in http handler against a real local HTTP endpoint that answers as each test needs. */
@DatabaseTest
class HttpStepHandlerTest {

    private HttpServer endpoint;
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicReference<String> lastBody = new AtomicReference<>();
    private final AtomicReference<String> lastIdempotencyKey = new AtomicReference<>();
    private volatile int[] statuses;
    private volatile String retryAfter;
    private TaskerServer server;
    private ApiClient api;

    @BeforeEach
    void start(DataSource dataSource) throws IOException {
        endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        endpoint.createContext("/hook", exchange -> {
            int call = calls.getAndIncrement();
            lastBody.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            lastIdempotencyKey.set(exchange.getRequestHeaders().getFirst("Idempotency-Key"));
            int status = statuses[Math.min(call, statuses.length - 1)];
            if (retryAfter != null && (status == 429 || status == 503)) {
                exchange.getResponseHeaders().add("Retry-After", retryAfter);
            }
            byte[] response = (status < 300 ? "{\"accepted\": true, \"call\": " + call + "}" : "{\"problem\": \"no\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, response.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response);
            }
        });
        endpoint.start();
        String template = """
                name: webhook
                namespace_name: hooks
                version: 1.0.0
                identity_strategy: always_unique
                steps:
                  - name: notify
                    handler:
                      callable: http
                      initialization: {url: "http://127.0.0.1:%d/hook", headers: {X-Team: payments}}
                    retry: {max_attempts: 3, backoff: none}
                """.formatted(endpoint.getAddress().getPort());
        server = TaskerServer.start(Servers.settings(dataSource).withTemplates(List.of(template), Optional.empty()));
        api = new ApiClient(server.baseUrl());
    }

    @AfterEach
    void stop() {
        server.close();
        endpoint.stop(0);
    }

    private JsonNode run(String expected) {
        String task = api.post("/v1/tasks", Map.of("namespace", "hooks", "name", "webhook",
                "context", Map.of("order", 7))).json().path("task_uuid").asString();
        await().atMost(Duration.ofSeconds(30)).until(() ->
                api.get("/v1/tasks/" + task).json().path("status").asString().matches("complete|error"));
        JsonNode done = api.get("/v1/tasks/" + task).json();
        assertThat(done.path("status").asString()).isEqualTo(expected);
        return TaskApiTest.stepNamed(done, "notify");
    }

    @Test
    void a_2xx_answer_is_the_steps_result_and_the_request_carries_the_steps_inputs() {
        statuses = new int[] {200};
        JsonNode step = run("complete");
        assertThat(step.path("results").path("accepted").asBoolean()).isTrue();
        JsonNode sent = Json.parse(lastBody.get());
        assertThat(sent.path("context").path("order").asInt()).isEqualTo(7);
        assertThat(sent.path("step_name").asString()).isEqualTo("notify");
        assertThat(lastIdempotencyKey.get()).isEqualTo(step.path("step_uuid").asString());
    }

    @Test
    void a_429_with_retry_after_is_retried_after_that_delay() {
        statuses = new int[] {429, 200};
        retryAfter = "1";
        JsonNode step = run("complete");
        assertThat(step.path("attempts").asInt()).isEqualTo(2);
        JsonNode audit = api.get("/v1/tasks/" + step.path("task_uuid").asString() + "/workflow_steps/"
                + step.path("step_uuid").asString() + "/audit").json();
        java.time.Instant failed = java.time.Instant.parse(audit.get(1).path("recorded_at").asString());
        java.time.Instant succeeded = java.time.Instant.parse(audit.get(0).path("recorded_at").asString());
        assertThat(Duration.between(failed, succeeded)).as("waited for Retry-After")
                .isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void a_5xx_is_retried_and_other_4xx_fail_for_good() {
        statuses = new int[] {500, 503, 200};
        retryAfter = null;
        assertThat(run("complete").path("attempts").asInt()).isEqualTo(3);

        calls.set(0);
        statuses = new int[] {404};
        JsonNode failed = run("error");
        assertThat(failed.path("attempts").asInt()).as("not retried").isEqualTo(1);
        assertThat(failed.path("results").path("error").path("message").asString())
                .contains("answered 404").contains("problem");
    }

    @Test
    void an_unreachable_url_is_retried_and_its_error_names_the_cause_never_null() {
        statuses = new int[] {200};
        endpoint.stop(0);
        JsonNode failed = run("error");

        assertThat(failed.path("attempts").asInt()).as("retried").isEqualTo(3);
        String message = failed.path("results").path("error").path("message").asString();
        assertThat(message).startsWith("http handler: cannot reach http://127.0.0.1:")
                .contains("ConnectException").doesNotContain("null");
    }
}
