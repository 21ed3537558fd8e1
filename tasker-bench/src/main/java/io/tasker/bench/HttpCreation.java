package io.tasker.bench;

import io.tasker.handler.StepResult;
import io.tasker.server.ServerSettings;
import io.tasker.server.TaskerServer;
import io.tasker.server.auth.AuthSettings;
import io.tasker.server.auth.Permission;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Task creation over HTTP: the Tasker server runs in this process (API, workers and scheduler, on the benchmark's
 * pool) with API-key authentication on; one client sends {@code POST /v1/tasks} requests one after another over a
 * kept-alive HTTP/1.1 connection and times each until its 201 response is read.
 */
final class HttpCreation {

    private static final String API_KEY = "bench-key";

    private HttpCreation() {
    }

    static Samples run(DataSource pool, BenchOptions options) {
        ServerSettings settings = ServerSettings.defaults()
                .withDataSource(pool)
                .withListen("127.0.0.1", 0)
                .withAuth(new AuthSettings(List.of(new AuthSettings.ApiKey("bench", API_KEY,
                        Set.of(Permission.TASKS_CREATE, Permission.TASKS_READ))), Optional.empty()))
                .withTimings(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(1),
                        Duration.ofSeconds(5))
                .withHandlers(Map.of(Workloads.NOOP, context -> StepResult.success(Map.of())))
                .withTemplates(Workloads.allTemplates(), Optional.empty());
        try (TaskerServer server = TaskerServer.start(settings)) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            URI uri = URI.create(server.baseUrl() + "/v1/tasks");
            int warmup = Math.max(10, options.creations() / 10);
            for (int i = 0; i < warmup; i++) {
                post(client, uri, i);
            }
            Samples samples = new Samples();
            for (int i = 0; i < options.creations(); i++) {
                long t0 = System.nanoTime();
                post(client, uri, warmup + i);
                samples.add(System.nanoTime() - t0);
            }
            PeerPolling.awaitZero(pool, "SELECT count(*) FROM tasker.tasks WHERE NOT complete",
                    Duration.ofSeconds(60));
            return samples;
        }
    }

    private static void post(HttpClient client, URI uri, int i) {
        String body = "{\"namespace\": \"" + Workloads.HTTP + "\", \"name\": \"" + Workloads.TEMPLATE_NAME
                + "\", \"context\": {\"i\": " + i + "}}";
        HttpRequest request = HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .header("X-API-Key", API_KEY)
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new IllegalStateException("POST /v1/tasks answered " + response.statusCode() + ": "
                        + response.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException("POST /v1/tasks failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
