package io.tasker.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tasker.cli.client.ClientException;
import io.tasker.cli.client.TaskerClient;
import io.tasker.json.Json;
import io.tasker.testing.ChildJvm;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code tasker server} with its embedded PostgreSQL, as a real process, while four threads create tasks through the
 * API: the database process is killed (SIGKILL), the server starts it again, and every task that was answered 201
 * exists afterwards. If the database cannot be started again the server exits non-zero by itself, and SIGTERM while
 * it is down stops the server promptly. The figures (tasks acknowledged, lost, time to recover or exit) are printed
 * as {@code CRASH-FIGURES} lines for docs/operations.md.
 */
class EmbeddedDatabaseCrashTest {

    private static final Duration START = Duration.ofSeconds(120);
    private static final int CREATORS = 4;

    @TempDir
    Path temp;

    @Test
    void killing_the_database_under_load_loses_no_acknowledged_task_and_the_server_recovers() throws Exception {
        Path dataDirectory = temp.resolve("pgdata");
        try (ChildJvm server = server(dataDirectory)) {
            TaskerClient api = client(server);
            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            AtomicLong killedAt = new AtomicLong();
            AtomicLong firstRefusal = new AtomicLong();
            AtomicLong recoveredAt = new AtomicLong();
            AtomicBoolean creating = new AtomicBoolean(true);
            List<Thread> creators = new ArrayList<>();
            for (int i = 0; i < CREATORS; i++) {
                creators.add(Thread.ofPlatform().start(() -> {
                    while (creating.get()) {
                        long sent = System.nanoTime();
                        Optional<String> task = create(api);
                        task.ifPresent(acknowledged::add);
                        if (task.isEmpty() && killedAt.get() != 0) {
                            firstRefusal.compareAndSet(0, System.nanoTime());
                        } else if (task.isPresent() && firstRefusal.get() != 0 && sent > firstRefusal.get()) {
                            recoveredAt.compareAndSet(0, System.nanoTime()); // sent after the outage was seen
                        }
                    }
                }));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 150);
            int beforeKill = acknowledged.size();
            killedAt.set(System.nanoTime());
            killPostgres(dataDirectory);
            await().atMost(Duration.ofSeconds(120)).until(() -> recoveredAt.get() != 0);
            int atRecovery = acknowledged.size();
            await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= atRecovery + 150);
            creating.set(false);
            for (Thread creator : creators) {
                creator.join();
            }

            List<String> lost = acknowledged.stream().filter(task -> !exists(api, task)).toList();
            JsonNode embedded = api.get("/health/detailed").path("checks").path("database").path("embedded");
            String metrics = text(URI.create(baseUrl + "/metrics"));
            long recoveryMs = (recoveredAt.get() - killedAt.get()) / 1_000_000;
            long stopStarted = System.nanoTime();
            int exit = server.terminate(Duration.ofSeconds(60));
            long stopMs = (System.nanoTime() - stopStarted) / 1_000_000;
            System.out.printf("CRASH-FIGURES acknowledged=%d (%d before the kill) lost=%d recovery_ms=%d "
                    + "sigterm_exit_ms=%d%n", acknowledged.size(), beforeKill, lost.size(), recoveryMs, stopMs);

            assertThat(lost).as("tasks answered 201 that are gone after the crash").isEmpty();
            assertThat(embedded.path("restarts").asInt()).isEqualTo(1);
            assertThat(embedded.path("state").asString()).isEqualTo("running");
            assertThat(metrics).contains("tasker_database_restarts_total 1.0");
            assertThat(exit).isZero();
        }
    }

    @Test
    void a_database_that_cannot_be_started_again_makes_the_server_exit_non_zero() throws Exception {
        Path dataDirectory = temp.resolve("pgdata");
        try (ChildJvm server = server(dataDirectory)) {
            TaskerClient api = client(server);
            assertThat(create(api)).isPresent();
            // Without PG_VERSION the directory is no database: starting there would create an empty one.
            Files.move(dataDirectory.resolve("PG_VERSION"), temp.resolve("PG_VERSION.moved"));
            long killed = System.nanoTime();
            killPostgres(dataDirectory);

            int exit = server.awaitExit(Duration.ofSeconds(120));
            long exitMs = (System.nanoTime() - killed) / 1_000_000;
            System.out.printf("CRASH-FIGURES unrecoverable_exit_code=%d exit_ms=%d%n", exit, exitMs);

            assertThat(exit).isEqualTo(ExitCodes.UNAVAILABLE);
        }
    }

    @Test
    void sigterm_while_the_database_is_down_stops_the_server_promptly() throws Exception {
        Path dataDirectory = temp.resolve("pgdata");
        try (ChildJvm server = server(dataDirectory)) {
            assertThat(create(client(server))).isPresent();
            killPostgres(dataDirectory);
            long signalled = System.nanoTime();

            int exit = server.terminate(Duration.ofSeconds(60));
            long exitMs = (System.nanoTime() - signalled) / 1_000_000;
            System.out.printf("CRASH-FIGURES sigterm_with_database_down_exit_code=%d exit_ms=%d%n", exit, exitMs);

            assertThat(exit).isZero();
        }
    }

    private ChildJvm server(Path dataDirectory) throws Exception {
        Path templates = Files.createDirectories(temp.resolve("templates"));
        Files.writeString(templates.resolve("crash.yaml"), """
                name: order
                namespace_name: crash
                version: 1.0.0
                identity_strategy: always_unique
                steps:
                  - {name: only, handler: {callable: noop}}
                """, StandardCharsets.UTF_8);
        return ChildJvm.start(TaskerCli.class, "server", "--data-dir", dataDirectory.toString(), "--port", "0",
                "--templates", templates.toString(), "--shutdown-grace", "5");
    }

    private String baseUrl;

    private TaskerClient client(ChildJvm server) throws InterruptedException {
        String line = server.awaitLine("Tasker is running: ", START);
        baseUrl = line.substring("Tasker is running: ".length()).split(" ")[0];
        return new TaskerClient(URI.create(baseUrl), Optional.empty());
    }

    /** The new task's uuid when the server answered 201; empty for any other answer (503 while it recovers). */
    private static Optional<String> create(TaskerClient api) {
        try {
            TaskerClient.Reply reply = api.exchange("POST", "/v1/tasks", "application/json", Json.write(Json.toTree(
                    Map.of("namespace", "crash", "name", "order", "context", Map.of("n", 1)))));
            return reply.status() == 201 ? Optional.of(reply.body().path("task_uuid").asString())
                    : Optional.empty();
        } catch (ClientException unreachable) {
            return Optional.empty();
        }
    }

    private static boolean exists(TaskerClient api, String task) {
        return api.exchange("GET", "/v1/tasks/" + task, null, null).status() == 200;
    }

    /** SIGKILL for the postmaster and every PostgreSQL process under it. */
    private static void killPostgres(Path dataDirectory) throws Exception {
        long pid = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).strip());
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
        List<ProcessHandle> children = postmaster.children().toList();
        postmaster.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
    }

    private static String text(URI uri) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
        }
    }
}
