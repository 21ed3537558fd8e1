package io.tasker.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.tasker.cli.client.TaskerClient;
import io.tasker.json.Json;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.testing.ChildJvm;
import io.tasker.testing.DatabaseTest;
import io.tasker.testing.TestPostgres;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code tasker server} as a real process: it drains on SIGTERM and exits 0, and processes with different roles
 * share one database. The step handler is the built-in {@code http} handler calling an endpoint in this JVM, so the
 * test decides when a step finishes.
 */
@DatabaseTest
class ServerProcessTest {

    @TempDir
    Path templates;

    private HttpServer endpoint;
    private final AtomicInteger calls = new AtomicInteger();
    private final CountDownLatch answer = new CountDownLatch(1);

    @BeforeEach
    void startEndpoint() throws IOException {
        endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        endpoint.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        endpoint.createContext("/slow", exchange -> {
            calls.incrementAndGet();
            try {
                answer.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = "{\"done\": true}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            } catch (IOException e) {
                // the caller went away (the step was released); nothing to answer
            }
        });
        endpoint.start();
        Files.writeString(templates.resolve("slow.yaml"), """
                name: slow_call
                namespace_name: drain
                version: 1.0.0
                identity_strategy: always_unique
                steps:
                  - name: call
                    handler:
                      callable: http
                      initialization: {url: "http://127.0.0.1:%d/slow", timeout_seconds: 60}
                    retry: {max_attempts: 3, backoff: none}
                  - name: after
                    depends_on: [call]
                    handler: {callable: noop}
                """.formatted(endpoint.getAddress().getPort()));
    }

    @AfterEach
    void stopEndpoint() {
        answer.countDown();
        endpoint.stop(0);
    }

    @Test
    void sigterm_lets_the_running_step_finish_and_exits_zero(Jdbc jdbc) throws Exception {
        try (ChildJvm server = server("--roles", "api,worker,scheduler", "--shutdown-grace", "60")) {
            TaskerClient api = client(server);
            UUID task = createTask(api);
            await().atMost(Duration.ofSeconds(30)).until(() -> calls.get() == 1);

            Thread release = new Thread(() -> {
                sleep(Duration.ofMillis(1500));
                answer.countDown();
            });
            release.start();
            int exit = server.terminate(Duration.ofSeconds(60));

            assertThat(exit).isEqualTo(0);
            assertThat(stepState(jdbc, task, "call")).isEqualTo("complete");
            assertThat(jdbc.queryOne("SELECT max(attempts) FROM tasker.workflow_steps WHERE task_uuid = ?",
                    row -> row.getInt(1), task)).contains(1);
        }
    }

    @Test
    void sigterm_releases_what_the_grace_period_does_not_cover(Jdbc jdbc) throws Exception {
        UUID task;
        try (ChildJvm server = server("--shutdown-grace", "1")) {
            task = createTask(client(server));
            await().atMost(Duration.ofSeconds(30)).until(() -> calls.get() == 1);

            assertThat(server.terminate(Duration.ofSeconds(60))).isEqualTo(0);
        }

        assertThat(stepState(jdbc, task, "call")).isIn("waiting_for_retry", "pending", "enqueued");
        assertThat(jdbc.queryOne("""
                SELECT bool_and(attempts = 0 AND lease_token IS NULL AND claimed_by IS NULL)
                FROM tasker.workflow_steps WHERE task_uuid = ?
                """, row -> row.getBoolean(1), task)).as("released without counting the attempt").contains(true);
        answer.countDown();
        try (ChildJvm next = server()) {
            TaskerClient api = client(next);
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    api.get("/v1/tasks/" + task).path("status").asString().equals("complete"));
            assertThat(next.terminate(Duration.ofSeconds(60))).isEqualTo(0);
        }
    }

    @Test
    void an_api_process_and_a_worker_process_share_the_work(Jdbc jdbc) throws Exception {
        answer.countDown();
        try (ChildJvm api = server("--roles", "api,scheduler");
             ChildJvm worker = ChildJvm.start(TaskerCli.class, "server", "--database-url",
                     TestPostgres.shared().jdbcUrl(), "--templates", templates.toString(), "--roles", "worker")) {
            TaskerClient client = client(api);
            worker.awaitLine("Tasker is running without the API", ServerChild.START);

            List<UUID> tasks = java.util.stream.IntStream.range(0, 20).mapToObj(i -> createTask(client)).toList();
            await().atMost(Duration.ofSeconds(60)).until(() -> tasks.stream().allMatch(task ->
                    client.get("/v1/tasks/" + task).path("status").asString().equals("complete")));

            List<String> startedBy = jdbc.query("""
                    SELECT DISTINCT t.metadata ->> 'worker' FROM tasker.workflow_step_transitions t
                    WHERE t.to_state = 'in_progress'
                    """, row -> row.getString(1));
            assertThat(startedBy).as("every step ran in the worker process")
                    .singleElement().asString().contains(":" + worker.pid() + ":");
            assertThat(calls.get()).isEqualTo(20);
            assertThat(api.terminate(Duration.ofSeconds(60))).isEqualTo(0);
            assertThat(worker.terminate(Duration.ofSeconds(60))).isEqualTo(0);
        }
    }

    private ChildJvm server(String... extra) {
        return ServerChild.start(templates, extra);
    }

    private static TaskerClient client(ChildJvm server) throws InterruptedException {
        return ServerChild.client(server);
    }

    private static UUID createTask(TaskerClient api) {
        JsonNode created = api.post("/v1/tasks", Json.toTree(Map.of("namespace", "drain", "name", "slow_call",
                "context", Map.of("order", 1))));
        return UUID.fromString(created.path("task_uuid").asString());
    }

    private static String stepState(Jdbc jdbc, UUID task, String step) {
        return jdbc.queryOne("""
                SELECT s.current_state FROM tasker.workflow_steps s JOIN tasker.named_steps n USING (named_step_uuid)
                WHERE s.task_uuid = ? AND n.name = ?
                """, row -> row.getString(1), task, step).orElseThrow();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
