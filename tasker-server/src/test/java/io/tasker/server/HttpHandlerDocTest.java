package io.tasker.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tasker.testing.DatabaseTest;
import io.tasker.testing.Invariants;
import java.io.IOException;
import java.net.Socket;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The worked example of docs/handlers.md as written there: its template, with the decision answered by its Python
 * service, run by python3 on a free port instead of 8000.
 */
@DatabaseTest
class HttpHandlerDocTest {

    static final Path HANDLERS_MD = Path.of(System.getProperty("basedir", ".")).resolve("../docs/handlers.md")
            .normalize();

    @Test
    void a_decision_answered_by_an_http_service_runs_the_branch_it_names(DataSource dataSource,
                                                                         @TempDir Path directory) throws Exception {
        String doc = Files.readString(HANDLERS_MD, StandardCharsets.UTF_8);
        String section = doc.substring(doc.indexOf("### Decisions and batches from a service"));
        String template = block(section, "yaml");
        Path service = directory.resolve("route.py");
        Files.writeString(service, block(section, "python"));
        int port = freePort();

        Process python = new ProcessBuilder("python3", service.toString(), String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(directory.resolve("route.log").toFile()).start();
        try (TaskerServer server = TaskerServer.start(Servers.settings(dataSource).withTemplates(
                List.of(template.replace("127.0.0.1:8000", "127.0.0.1:" + port)), Optional.empty()))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> listening(port));
            ApiClient api = new ApiClient(server.baseUrl());

            assertThat(branches(api, 250)).containsExactly("choose", "express", "receive");
            assertThat(branches(api, 20)).containsExactly("choose", "receive", "standard");
        } finally {
            python.destroyForcibly();
            Invariants.check(dataSource);
        }
    }

    /** The steps of a finished task with that total, in name order. */
    private static List<String> branches(ApiClient api, int total) {
        String task = api.post("/v1/tasks", Map.of("namespace", "http_examples", "name", "route_order",
                "context", Map.of("total", total))).json().path("task_uuid").asString();
        await().atMost(Duration.ofSeconds(60)).until(() ->
                api.get("/v1/tasks/" + task).json().path("status").asString().matches("complete|error"));
        JsonNode done = api.get("/v1/tasks/" + task).json();
        assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("complete");
        List<String> names = new ArrayList<>();
        done.path("steps").forEach(step -> names.add(step.path("name").asString()));
        return names.stream().sorted().toList();
    }

    private static String block(String text, String language) {
        Matcher matcher = Pattern.compile("(?s)```" + language + "\\n(.*?)```").matcher(text);
        assertThat(matcher.find()).as("a " + language + " block").isTrue();
        return matcher.group(1);
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
