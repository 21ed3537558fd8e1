package io.tasker.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tasker.event.Outbox;
import io.tasker.server.handlers.HttpTargets;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.testing.DatabaseTest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Webhooks and events go only to the hosts of handlers.http.allowed_hosts, redirects included, as the http handler's
 * calls do; a refused host or redirect makes the message dead at once with the reason. (127.0.0.1 and localhost are
 * the same machine under two host names: only 127.0.0.1 is allowed.)
 */
@DatabaseTest
class DeliveryHostsTest {

    private HttpServer receiver;
    private final ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();
    private OutboxDelivery delivery;
    private String local;
    private String other;

    @BeforeEach
    void start(Jdbc jdbc) throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        int port = receiver.getAddress().getPort();
        local = "http://127.0.0.1:" + port;
        other = "http://localhost:" + port;
        receiver.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            seen.add(exchange.getRequestMethod() + " " + path + " " + body + " "
                    + exchange.getRequestHeaders().getFirst("X-Tasker-Message-Id"));
            switch (path) {
                case "/keep" -> redirect(exchange, 307, "/hook");
                case "/see-other" -> redirect(exchange, 303, "/hook");
                case "/elsewhere" -> redirect(exchange, 307, other + "/hook");
                default -> redirect(exchange, 200, null);
            }
        });
        receiver.start();
        delivery = new OutboxDelivery(new Outbox(jdbc, Clock.systemUTC()), DeliverySettings.DEFAULTS,
                new HttpTargets(List.of("127.0.0.1")), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        delivery.close();
        receiver.stop(0);
    }

    @Test
    void an_allowed_host_gets_the_message_and_a_307_is_followed_with_the_same_post(Jdbc jdbc) {
        UUID direct = message(jdbc, local + "/hook");
        UUID redirected = message(jdbc, local + "/keep");

        await().atMost(Duration.ofSeconds(60)).until(() -> state(jdbc, direct).equals("delivered")
                && state(jdbc, redirected).equals("delivered"));
        assertThat(seen).contains("POST /hook {\"n\":1} " + direct, "POST /keep {\"n\":1} " + redirected,
                "POST /hook {\"n\":1} " + redirected);
    }

    @Test
    void a_host_not_allowed_is_never_called_and_the_message_is_dead_at_once_with_the_reason(Jdbc jdbc) {
        UUID refused = message(jdbc, other + "/hook");

        await().atMost(Duration.ofSeconds(60)).until(() -> state(jdbc, refused).equals("dead"));
        assertThat(lastError(jdbc, refused))
                .isEqualTo("delivery: localhost is not one of the hosts in handlers.http.allowed_hosts");
        assertThat(seen).isEmpty();
    }

    @Test
    void a_redirect_to_a_host_not_allowed_or_to_a_get_is_not_followed(Jdbc jdbc) {
        UUID elsewhere = message(jdbc, local + "/elsewhere");
        UUID seeOther = message(jdbc, local + "/see-other");

        await().atMost(Duration.ofSeconds(60)).until(() -> state(jdbc, elsewhere).equals("dead")
                && state(jdbc, seeOther).equals("dead"));
        assertThat(lastError(jdbc, elsewhere))
                .isEqualTo("delivery: localhost is not one of the hosts in handlers.http.allowed_hosts");
        assertThat(lastError(jdbc, seeOther)).startsWith("delivery: " + local + "/see-other answered 303");
        assertThat(seen).as("only the first hops").containsExactlyInAnyOrder(
                "POST /elsewhere {\"n\":1} " + elsewhere, "POST /see-other {\"n\":1} " + seeOther);
    }

    private static UUID message(Jdbc jdbc, String url) {
        return jdbc.queryOne("""
                INSERT INTO tasker.outbox (kind, topic, target_url, payload)
                VALUES ('webhook', 'task.complete', ?, '{"n": 1}'::jsonb) RETURNING message_uuid
                """, row -> row.getObject(1, UUID.class), url).orElseThrow();
    }

    private static String state(Jdbc jdbc, UUID message) {
        return jdbc.queryOne("SELECT state FROM tasker.outbox WHERE message_uuid = ?", row -> row.getString(1),
                message).orElseThrow();
    }

    private static String lastError(Jdbc jdbc, UUID message) {
        return jdbc.queryOne("SELECT last_error FROM tasker.outbox WHERE message_uuid = ?", row -> row.getString(1),
                message).orElse("");
    }

    private static void redirect(HttpExchange exchange, int status, String location) throws IOException {
        Optional.ofNullable(location).ifPresent(to -> exchange.getResponseHeaders().add("Location", to));
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }
}
