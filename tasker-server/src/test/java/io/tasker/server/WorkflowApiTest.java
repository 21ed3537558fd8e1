package io.tasker.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.tasker.json.Json;
import io.tasker.server.delivery.DeliverySettings;
import io.tasker.server.delivery.WebhookSignature;
import io.tasker.testing.DatabaseTest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The workflow features over HTTP: delayed starts, waiting for a task's end, signals, re-runs, schedules, and
 * completion webhooks delivered signed, retried, and dead after their last attempt.
 */
@DatabaseTest
class WorkflowApiTest {

    static final String SECRET = "a-secret-of-sixteen+";

    static final String APPROVAL = """
            name: approval
            namespace_name: workflow_api
            version: 1.0.0
            identity_strategy: strict
            on_complete: {url: %s}
            steps:
              - {name: approved, type: signal, timeout: P2D}
              - {name: done, handler: {callable: echo}, dependencies: [approved]}
            """;

    /** A webhook receiver: answers 500 to the first {@code failFirst} requests, then 200; records what it got. */
    record Received(String body, String signature, String messageId) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failFirst = new AtomicInteger();
    private HttpServer receiver;
    private TaskerServer server;
    private ApiClient api;

    @BeforeEach
    void start(DataSource dataSource) throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(body, exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER),
                    exchange.getRequestHeaders().getFirst("X-Tasker-Message-Id")));
            exchange.sendResponseHeaders(failFirst.getAndDecrement() > 0 ? 500 : 200, -1);
            exchange.close();
        });
        receiver.start();
        String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        ServerSettings settings = Servers.settings(dataSource)
                .withTemplates(List.of(APPROVAL.formatted(hook)), Optional.empty());
        settings = settings.withOperations(settings.operations().withDelivery(
                new DeliverySettings(Optional.of(SECRET), 2, List.of())));
        server = TaskerServer.start(settings);
        api = new ApiClient(server.baseUrl());
    }

    @AfterEach
    void stop() {
        server.close();
        receiver.stop(0);
    }

    private String create(Map<String, Object> extra) {
        Map<String, Object> request = new java.util.HashMap<>(Map.of("namespace", "workflow_api",
                "name", "approval", "context", Map.of("order", Instant.now().toString())));
        request.putAll(extra);
        ApiClient.Response created = api.post("/v1/tasks", request);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("task_uuid").asString();
    }

    @Test
    void a_signal_sent_early_is_kept_a_long_poll_answers_at_the_end_and_the_webhook_arrives_signed() {
        String task = create(Map.of());
        ApiClient.Response signal = api.post("/v1/tasks/" + task + "/signals/approved", Map.of("by", "carol"));
        assertThat(signal.status()).as(signal.body()).isEqualTo(202);
        assertThat(signal.json().path("status").asString()).isIn("woke", "kept");

        JsonNode ended = api.get("/v1/tasks/" + task + "?wait=60s").json();
        assertThat(ended.path("status").asString()).isEqualTo("complete");
        assertThat(api.post("/v1/tasks/" + task + "/signals/approved", Map.of()).status()).as("ended").isEqualTo(409);
        JsonNode signals = api.get("/v1/tasks/" + task + "/signals").json();
        assertThat(signals.path("received").get(0).path("payload").path("by").asString()).isEqualTo("carol");

        await().atMost(Duration.ofSeconds(60)).until(() -> !received.isEmpty());
        Received webhook = received.get(0);
        JsonNode payload = Json.parse(webhook.body());
        assertThat(payload.path("event").asString()).isEqualTo("task.complete");
        assertThat(payload.path("task_uuid").asString()).isEqualTo(task);
        String t = webhook.signature().split(",")[0].substring(2);
        assertThat(webhook.signature()).isEqualTo(WebhookSignature.header(SECRET, Long.parseLong(t), webhook.body()));
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/v1/deliveries?state=delivered&task_uuid=" + task)
                .json().path("deliveries").size() == 1);
    }

    @Test
    void a_failed_delivery_is_retried_with_the_same_message_id_and_dies_after_its_last_attempt() {
        failFirst.set(1);
        String delivered = create(Map.of("on_complete", Map.of("url", "http://127.0.0.1:1/refused")));
        api.post("/v1/tasks/" + delivered + "/signals/approved", Map.of());
        assertThat(api.get("/v1/tasks/" + delivered + "?wait=60s").json().path("status").asString())
                .isEqualTo("complete");
        // The template's hook: 500, then 200 on the retry, same message id.
        await().atMost(Duration.ofSeconds(60)).until(() -> received.size() == 2);
        assertThat(received.get(1).messageId()).isEqualTo(received.get(0).messageId());
        // The task's own hook refuses connections: dead after delivery.max_attempts (2).
        await().atMost(Duration.ofSeconds(60)).until(() -> api.get("/v1/deliveries?state=dead&task_uuid="
                + delivered).json().path("deliveries").size() == 1);
        JsonNode dead = api.get("/v1/deliveries?state=dead&task_uuid=" + delivered).json().path("deliveries").get(0);
        assertThat(dead.path("attempts").asInt()).isEqualTo(2);
        assertThat(dead.path("target_url").asString()).endsWith("/refused");
        ApiClient.Response retried = api.post("/v1/deliveries/" + dead.path("message_uuid").asString() + "/retry",
                Map.of());
        assertThat(retried.status()).as(retried.body()).isEqualTo(200);
        assertThat(api.get("/v1/deliveries?state=dead&task_uuid=" + delivered).json().path("deliveries").size())
                .isLessThanOrEqualTo(1);
    }

    @Test
    void a_delayed_task_waits_pending_and_an_ended_task_is_rerun_with_a_new_identity() {
        String later = create(Map.of("delay", "1h"));
        JsonNode waiting = api.get("/v1/tasks/" + later + "?wait=200ms").json();
        assertThat(waiting.path("status").asString()).isEqualTo("pending");
        assertThat(api.post("/v1/tasks/" + later + "/rerun", Map.of()).status()).as("not ended").isEqualTo(409);
        assertThat(api.post("/v1/tasks", Map.of("namespace", "workflow_api", "name", "approval", "run_at", "soon"))
                .status()).isEqualTo(400);
        assertThat(api.get("/v1/tasks/" + later + "?wait=2m").status()).as("over the longest wait").isEqualTo(400);

        api.delete("/v1/tasks/" + later);
        ApiClient.Response rerun = api.post("/v1/tasks/" + later + "/rerun", Map.of("idempotency_key", "once"));
        assertThat(rerun.status()).as(rerun.body()).isEqualTo(201);
        JsonNode original = api.get("/v1/tasks/" + later).json();
        assertThat(rerun.json().path("parent_correlation_id").asString())
                .isEqualTo(original.path("correlation_id").asString());
        assertThat(rerun.json().path("context")).isEqualTo(original.path("context"));
        assertThat(api.post("/v1/tasks/" + later + "/rerun", Map.of("idempotency_key", "once")).status())
                .as("the same key re-runs once").isEqualTo(409);
    }

    @Test
    void a_schedule_is_created_paused_resumed_listed_and_deleted() {
        ApiClient.Response created = api.post("/v1/schedules", Map.of("namespace", "workflow_api",
                "name", "approval", "cron", "0 6 * * *", "timezone", "Europe/Paris", "overlap", "skip",
                "catch_up", "none", "context", Map.of("order", "nightly")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String uuid = created.json().path("schedule_uuid").asString();
        assertThat(created.json().path("next_tick_at").asString()).isNotEmpty();
        assertThat(api.post("/v1/schedules/" + uuid + "/pause", Map.of()).json().path("paused").asBoolean()).isTrue();
        assertThat(api.post("/v1/schedules/" + uuid + "/resume", Map.of()).json().path("paused").asBoolean())
                .isFalse();
        assertThat(api.get("/v1/schedules").json().path("schedules")).hasSize(1);
        assertThat(api.post("/v1/schedules", Map.of("namespace", "workflow_api", "name", "approval",
                "cron", "61 * * * *")).status()).isEqualTo(400);
        assertThat(api.delete("/v1/schedules/" + uuid).status()).isEqualTo(204);
        assertThat(api.get("/v1/schedules/" + uuid).status()).isEqualTo(404);
    }
}
