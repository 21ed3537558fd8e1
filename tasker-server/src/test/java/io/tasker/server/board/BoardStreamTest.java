package io.tasker.server.board;

import static org.assertj.core.api.Assertions.assertThat;

import io.tasker.json.Json;
import io.tasker.server.ApiClient;
import io.tasker.server.Servers;
import io.tasker.server.TaskerServer;
import io.tasker.testing.DatabaseTest;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code GET /v1/board/notifications/stream}: unread ones first, then each new one as it happens. */
@DatabaseTest
class BoardStreamTest {

    @Test
    void the_stream_sends_unread_notifications_then_new_ones_as_they_are_written(DataSource dataSource)
            throws Exception {
        try (TaskerServer server = Servers.start(dataSource); HttpClient http = HttpClient.newHttpClient()) {
            ApiClient ann = new ApiClient(server.baseUrl()).with("X-Tasker-Agent", "ann");
            new ApiClient(server.baseUrl()).with("X-Tasker-Agent", "bob").get("/v1/board/stats");
            ann.post("/v1/board/tasks", Map.of("title", "Before the stream", "assignee", "bob"));

            HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl()
                    + "/v1/board/notifications/stream")).header("X-Tasker-Agent", "bob").build();
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(type ->
                    assertThat(type).startsWith("text/event-stream"));
            BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
            Thread reader = Thread.ofVirtual().start(() -> read(response.body(), events));

            JsonNode first = events.poll(60, TimeUnit.SECONDS);
            assertThat(first).isNotNull();
            assertThat(first.path("type").asString()).isEqualTo("task_assigned");
            String id = ann.post("/v1/board/tasks", Map.of("title", "During the stream", "assignee", "bob")).json()
                    .path("id").asString();
            ann.post("/v1/board/tasks/" + id + "/context", Map.of("type", "discovery", "content", "found it"));
            List<JsonNode> live = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                JsonNode next = events.poll(60, TimeUnit.SECONDS);
                assertThat(next).as("live notification " + i).isNotNull();
                live.add(next);
            }
            assertThat(live).extracting(n -> n.path("type").asString()).containsExactly("task_assigned", "discovery");
            assertThat(live.getFirst().path("task_id").asString()).isEqualTo(id);

            JsonNode unread = new ApiClient(server.baseUrl()).with("X-Tasker-Agent", "bob")
                    .get("/v1/board/notifications").json();
            assertThat(unread.path("unread").asInt()).as("what the stream delivered is read").isZero();
            reader.interrupt();
        }
    }

    private static void read(InputStream body, BlockingQueue<JsonNode> events) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("data: ")) {
                    events.add(Json.parse(line.substring("data: ".length())));
                }
            }
        } catch (java.io.IOException e) {
            // the test closed the stream
        }
    }

}
