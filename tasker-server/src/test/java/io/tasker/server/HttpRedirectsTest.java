package io.tasker.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.tasker.server.handlers.HttpTargets;
import io.tasker.testing.DatabaseTest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The http handler's redirects: followed hop by hop, each target checked against handlers.http.allowed_hosts; 307
 * repeats the POST, 303 continues as a GET; the template's headers go to the first URL's origin only.
 * (127.0.0.1 and localhost are the same machine under two host names.)
 */
@DatabaseTest
class HttpRedirectsTest {

    private HttpServer endpoint;
    private final ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();
    private DataSource dataSource;
    private TaskerServer server;

    @BeforeEach
    void startEndpoint(DataSource dataSource) throws IOException {
        this.dataSource = dataSource;
        endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        int port = endpoint.getAddress().getPort();
        endpoint.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("Host").split(":")[0]
                    + path + " token=" + exchange.getRequestHeaders().getFirst("X-Token"));
            exchange.getRequestBody().readAllBytes();
            switch (path) {
                case "/keep" -> redirect(exchange, 307, "/final");
                case "/see-other" -> redirect(exchange, 303, "/final");
                case "/elsewhere" -> redirect(exchange, 307, "http://localhost:" + port + "/final");
                default -> {
                    byte[] body = "{\"done\": true}".getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(200, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                }
            }
        });
        endpoint.start();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        endpoint.stop(0);
    }

    private static void redirect(com.sun.net.httpserver.HttpExchange exchange, int status, String location)
            throws IOException {
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    private JsonNode run(HttpTargets targets, String path) {
        String template = """
                name: redirected
                namespace_name: redirects
                version: 1.0.0-%s
                identity_strategy: always_unique
                steps:
                  - name: call
                    handler:
                      callable: http
                      initialization: {url: "http://127.0.0.1:%d%s", headers: {X-Token: secret}}
                    retry: {max_attempts: 1}
                """.formatted(path.substring(1), endpoint.getAddress().getPort(), path);
        server = TaskerServer.start(Servers.settings(dataSource).withHttpTargets(targets)
                .withTemplates(List.of(template), Optional.empty()));
        ApiClient api = new ApiClient(server.baseUrl());
        String task = api.post("/v1/tasks", Map.of("namespace", "redirects", "name", "redirected",
                "version", "1.0.0-" + path.substring(1))).json()
                .path("task_uuid").asString();
        await().atMost(Duration.ofSeconds(30)).until(() -> List.of("complete", "error")
                .contains(api.get("/v1/tasks/" + task).json().path("status").asString()));
        return api.get("/v1/tasks/" + task + "/workflow_steps").json().get(0);
    }

    @Test
    void a_307_repeats_the_post_and_a_303_continues_as_a_get() {
        assertThat(run(HttpTargets.ANY, "/keep").path("current_state").asString()).isEqualTo("complete");
        assertThat(seen).containsExactly("POST 127.0.0.1/keep token=secret", "POST 127.0.0.1/final token=secret");
        server.close();
        server = null;
        seen.clear();
        assertThat(run(HttpTargets.ANY, "/see-other").path("current_state").asString()).isEqualTo("complete");
        assertThat(seen).containsExactly("POST 127.0.0.1/see-other token=secret", "GET 127.0.0.1/final token=secret");
    }

    @Test
    void a_redirect_to_a_host_that_is_not_allowed_fails_the_step_without_calling_it() {
        JsonNode step = run(new HttpTargets(List.of("127.0.0.1")), "/elsewhere");
        assertThat(step.path("current_state").asString()).isEqualTo("error");
        assertThat(step.path("results").path("error").path("message").asString())
                .contains("localhost is not one of the hosts in handlers.http.allowed_hosts");
        assertThat(seen).containsExactly("POST 127.0.0.1/elsewhere token=secret");
    }

    @Test
    void an_allowed_redirect_to_another_host_does_not_take_the_templates_headers_along() {
        JsonNode step = run(new HttpTargets(List.of("127.0.0.1", "localhost")), "/elsewhere");
        assertThat(step.path("current_state").asString()).isEqualTo("complete");
        assertThat(seen).containsExactly("POST 127.0.0.1/elsewhere token=secret", "POST localhost/final token=null");
    }
}
