package io.tasker.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tasker.db.DatabaseSettings;
import io.tasker.db.DatabaseTarget;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server that owns its embedded PostgreSQL reports it in health and metrics: restarts after the database process
 * was killed, and, when it cannot be started again, {@code /health/live} says the database is gone, API calls get
 * 503 at once, and {@link TaskerServer#databaseFailure()} tells the process to exit.
 */
class EmbeddedDatabaseHealthTest {

    private static final String TEMPLATE = """
            name: order
            namespace_name: health
            version: 1.0.0
            identity_strategy: always_unique
            steps:
              - {name: only, handler: {callable: noop}}
            """;

    @TempDir
    Path temp;

    @Test
    void a_killed_database_is_restarted_and_the_restart_is_reported() throws Exception {
        try (TaskerServer server = start()) {
            ApiClient api = new ApiClient(server.baseUrl());
            assertThat(api.get("/health/live").json().path("database").asString()).isEqualTo("up");
            assertThat(api.get("/metrics").body()).contains("tasker_database_restarts_total 0.0")
                    .contains("tasker_database_up 1.0");

            killPostgres();

            await().atMost(Duration.ofSeconds(120)).until(() -> api.get("/health/detailed").json()
                    .path("checks").path("database").path("embedded").path("restarts").asInt() == 1);
            var embedded = api.get("/health/detailed").json().path("checks").path("database").path("embedded");
            assertThat(embedded.path("state").asString()).isEqualTo("running");
            assertThat(embedded.path("last_restart_at").asString()).isNotEmpty();
            assertThat(embedded.path("last_problem").asString()).contains("stopped unexpectedly");
            assertThat(api.get("/metrics").body()).contains("tasker_database_restarts_total 1.0");
            await().atMost(Duration.ofSeconds(30)).until(() -> create(api).status() == 201);
            assertThat(server.databaseFailure()).isNotDone();
        }
    }

    @Test
    void a_database_that_cannot_be_restarted_is_reported_down_and_api_calls_fail_at_once() throws Exception {
        try (TaskerServer server = start()) {
            ApiClient api = new ApiClient(server.baseUrl());
            Files.move(temp.resolve("pgdata").resolve("PG_VERSION"), temp.resolve("PG_VERSION.moved"));

            killPostgres();

            await().atMost(Duration.ofSeconds(60)).until(() -> server.databaseFailure().isDone());
            ApiClient.Response live = api.get("/health/live");
            assertThat(live.status()).isEqualTo(503);
            assertThat(live.json().path("status").asString()).isEqualTo("database_down");
            assertThat(live.json().path("database").asString()).isEqualTo("failed");
            assertThat(api.get("/health").status()).isEqualTo(503);
            // /health/detailed needs system:read, and checking a caller needs the database: a plain 503 now.
            assertThat(api.get("/health/detailed").status()).isEqualTo(503);
            ApiClient.Response refused = create(api);
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.json().path("error").asString()).isEqualTo("service_unavailable");
            assertThat(refused.headers()).containsEntry("retry-after", "2");
            assertThat(api.get("/metrics").body()).contains("tasker_database_up 0.0");
            assertThat(server.databaseFailure().get().getMessage())
                    .contains("its data directory no longer holds a database");
        }
    }

    private TaskerServer start() {
        return TaskerServer.start(ServerSettings.defaults()
                .withDatabase(DatabaseSettings.of(DatabaseTarget.embedded(temp.resolve("pgdata"))))
                .withListen("127.0.0.1", 0)
                .withTemplates(List.of(TEMPLATE), Optional.empty()));
    }

    private static ApiClient.Response create(ApiClient api) {
        return api.post("/v1/tasks", Map.of("namespace", "health", "name", "order", "context", Map.of()));
    }

    private void killPostgres() throws Exception {
        Path pidFile = temp.resolve("pgdata").resolve("postmaster.pid");
        long pid = Long.parseLong(Files.readAllLines(pidFile, StandardCharsets.UTF_8).get(0).strip());
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
        List<ProcessHandle> children = postmaster.children().toList();
        postmaster.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
    }
}
