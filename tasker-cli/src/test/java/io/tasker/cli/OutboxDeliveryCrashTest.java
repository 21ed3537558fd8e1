package io.tasker.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tasker.cli.client.TaskerClient;
import io.tasker.json.Json;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.testing.ChildJvm;
import io.tasker.testing.DatabaseTest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server delivering the outbox (completion webhooks and domain events) is killed with SIGKILL while deliveries
 * are in flight. After a restart every message reaches its receiver at least once, none is lost, and the messages
 * whose receiver always fails are dead after exactly their attempts. The receivers run in this JVM: {@code /hook}
 * answers 200 after a pause (so that the kill lands mid-request), {@code /refusing} always answers 500.
 */
@DatabaseTest
class OutboxDeliveryCrashTest {

    private static final int TASKS = 40;
    /** Each task: its completion webhook, and its event to each of the two subscribers. */
    private static final int MESSAGES_PER_TASK = 3;
    private static final int MAX_ATTEMPTS = 2;

    @TempDir
    Path temp;

    private HttpServer receivers;
    private final Set<String> delivered = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> refused = new ConcurrentHashMap<>();

    @BeforeEach
    void startReceivers() throws IOException {
        receivers = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receivers.setExecutor(Executors.newCachedThreadPool());
        receivers.createContext("/hook", exchange -> {
            pause();
            delivered.add(messageId(exchange)); // received: whether the answer reaches the sender is its problem
            answer(exchange, 200);
        });
        receivers.createContext("/refusing", exchange -> {
            refused.merge(messageId(exchange), 1, Integer::sum);
            answer(exchange, 500);
        });
        receivers.start();
    }

    @AfterEach
    void stopReceivers() {
        receivers.stop(0);
    }

    @Test
    void every_message_is_delivered_at_least_once_after_a_kill_mid_delivery(Jdbc jdbc) throws Exception {
        String base = "http://127.0.0.1:" + receivers.getAddress().getPort();
        Path templates = Files.createDirectories(temp.resolve("templates"));
        Files.writeString(templates.resolve("order.yaml"), """
                name: order
                namespace_name: outbox_crash
                version: 1.0.0
                identity_strategy: always_unique
                on_complete: {url: "%s/hook"}
                steps:
                  - name: place
                    handler: {callable: noop}
                    publishes_events:
                      - {name: order.placed, condition: success}
                """.formatted(base));
        Path config = Files.writeString(temp.resolve("tasker.yaml"), """
                delivery: {max_attempts: %d}
                events: {subscribers: "%s/hook;%s/refusing=order.placed"}
                """.formatted(MAX_ATTEMPTS, base, base));

        try (ChildJvm server = ServerChild.start(templates, "--config", config.toString())) {
            TaskerClient api = ServerChild.client(server);
            IntStream.range(0, TASKS).forEach(i -> api.post("/v1/tasks", Json.toTree(Map.of(
                    "namespace", "outbox_crash", "name", "order", "context", Map.of("n", i)))));
            await().atMost(Duration.ofSeconds(120)).until(() -> delivered.size() >= 10);
            server.kill();
        }
        assertThat(count(jdbc, "state = 'pending'")).as("the kill landed mid-delivery").isPositive();
        // The killed process's claims keep its messages hidden until the claim runs out (minutes: a claim covers a
        // whole batch of slow receivers); the test moves those claims' end to now instead of waiting.
        int cutShort = jdbc.update("""
                UPDATE tasker.outbox SET next_attempt_at = now()
                WHERE state = 'pending' AND next_attempt_at > now() + interval '1 minute'
                """);
        assertThat(cutShort).as("attempts the kill cut short").isPositive();

        try (ChildJvm restarted = ServerChild.start(templates, "--config", config.toString())) {
            ServerChild.client(restarted);
            await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofMillis(500))
                    .until(() -> count(jdbc, "state = 'pending'") == 0);
            assertThat(restarted.terminate(Duration.ofSeconds(60))).isZero();
        }

        assertThat(count(jdbc, "true")).as("no message lost").isEqualTo(TASKS * MESSAGES_PER_TASK);
        List<String> toHook = messages(jdbc, "target_url LIKE '%/hook'");
        assertThat(toHook).hasSize(TASKS * 2);
        assertThat(messages(jdbc, "target_url LIKE '%/hook' AND state = 'delivered'")).isEqualTo(toHook);
        assertThat(delivered).as("each delivered message reached its receiver").containsAll(toHook);
        List<String> toRefusing = messages(jdbc, """
                target_url LIKE '%/refusing' AND state = 'dead' AND last_error = 'HTTP 500'
                AND attempts = """ + MAX_ATTEMPTS);
        assertThat(toRefusing).as("dead after exactly their attempts").hasSize(TASKS);
        assertThat(refused.keySet()).containsExactlyInAnyOrderElementsOf(toRefusing);
        assertThat(refused.values()).as("attempts the receiver saw (a cut-short one may be repeated)")
                .allMatch(attempts -> attempts >= 1 && attempts <= MAX_ATTEMPTS);
    }

    private static int count(Jdbc jdbc, String where) {
        return jdbc.queryOne("SELECT count(*) FROM tasker.outbox WHERE " + where, row -> row.getInt(1)).orElse(0);
    }

    private static List<String> messages(Jdbc jdbc, String where) {
        return jdbc.query("SELECT message_uuid::text FROM tasker.outbox WHERE " + where + " ORDER BY message_uuid",
                row -> row.getString(1));
    }

    private static String messageId(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        return exchange.getRequestHeaders().getFirst("X-Tasker-Message-Id");
    }

    private static void answer(HttpExchange exchange, int status) throws IOException {
        try (exchange) {
            exchange.sendResponseHeaders(status, -1);
        } catch (IOException e) {
            // the sender is gone (killed): nothing to answer
        }
    }

    private static void pause() {
        try {
            Thread.sleep(150);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
