package io.tasker.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.tasker.cli.client.TaskerClient;
import io.tasker.json.Json;
import io.tasker.server.TaskerServer;
import io.tasker.server.config.ConfigLoader;
import io.tasker.testing.DatabaseTest;
import io.tasker.testing.TestPostgres;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The server example of the README, as written there: its template (with the webhook URL pointed at a local
 * endpoint), the request body of its {@code curl}, and the CLI commands it shows.
 */
@DatabaseTest
class ReadmeServerExampleTest {

    static final Path README = Path.of(System.getProperty("basedir", ".")).resolve("../README.md").normalize();
    static final String HOOK = "https://hooks.example.com/greetings";

    @Test
    void the_readme_template_runs_on_the_server(@TempDir Path directory) throws Exception {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        String template = firstGroup(readme, "(?s)```yaml\\n(.*?)```");
        String body = firstGroup(readme, "(?s)curl -s -X POST http://127.0.0.1:8080/v1/tasks .*?-d '(.*?)'");
        assertThat(template).contains(HOOK);

        AtomicReference<JsonNode> received = new AtomicReference<>();
        HttpServer hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/greetings", exchange -> {
            received.set(Json.parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            byte[] answer = "{\"delivered\": true}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        hook.start();
        Path templates = Files.createDirectories(directory.resolve("templates"));
        Files.writeString(templates.resolve("greeting.yaml"), template.replace(HOOK,
                "http://127.0.0.1:" + hook.getAddress().getPort() + "/greetings"));

        ConfigLoader.Loaded loaded = ConfigLoader.load(Optional.empty(), Map.of(), Map.of(
                "database.url", TestPostgres.shared().jdbcUrl(), "server.port", "0",
                "templates.dir", templates.toString()));
        try (TaskerServer server = TaskerServer.start(loaded.settings());
             TaskerClient api = new TaskerClient(URI.create(server.baseUrl()), Optional.empty())) {
            String taskUuid = api.post("/v1/tasks", Json.parse(body)).path("task_uuid").asString();
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    api.get("/v1/tasks/" + taskUuid).path("status").asString().equals("complete"));

            assertThat(received.get().toString()).contains("\"name\":\"ada\"");
            CliRun list = CliRun.of("task", "list", "--url", server.baseUrl());
            CliRun get = CliRun.of("task", "get", taskUuid, "--url", server.baseUrl());
            assertThat(list.exitCode()).as(list.err()).isZero();
            assertThat(list.out()).contains(taskUuid).contains("complete");
            assertThat(get.exitCode()).as(get.err()).isZero();
            assertThat(get.out()).contains("compose").contains("notify");
        } finally {
            hook.stop(0);
        }
    }

    private static String firstGroup(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        assertThat(matcher.find()).as("README contains " + regex).isTrue();
        return matcher.group(1);
    }
}
