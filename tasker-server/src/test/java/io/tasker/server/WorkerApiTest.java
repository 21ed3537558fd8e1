package io.tasker.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tasker.server.auth.AuthSettings;
import io.tasker.server.auth.Permission;
import io.tasker.testing.DatabaseTest;
import io.tasker.testing.Invariants;
import io.tasker.testing.Templates;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The worker API: claims, heartbeats, checkpoints and results fenced by lease tokens; and a Python worker. */
@DatabaseTest
class WorkerApiTest {

    private static final String TEMPLATE = Templates.template("python_workers", "sum_numbers")
            .step("py_fetch_numbers", "external").step("py_sum", "external", "py_fetch_numbers")
            .step("py_describe", "external", "py_sum").step("py_flaky", "external")
            .options("py_flaky", "retry: {max_attempts: 3, backoff: none}").yaml();

    private TaskerServer server;
    private ApiClient api;
    private DataSource dataSource;

    @BeforeEach
    void start(DataSource dataSource) {
        this.dataSource = dataSource;
        AuthSettings auth = new AuthSettings(List.of(
                new AuthSettings.ApiKey("python", "worker-key", Set.of(Permission.WORKERS_CLAIM)),
                new AuthSettings.ApiKey("client", "client-key", Set.of(Permission.TASKS_CREATE, Permission.TASKS_READ))),
                Optional.empty());
        server = TaskerServer.start(Servers.settings(dataSource).withAuth(auth)
                .withTemplates(List.of(TEMPLATE), Optional.empty()));
        api = new ApiClient(server.baseUrl());
    }

    @AfterEach
    void stop() {
        server.close();
        Invariants.check(dataSource);
    }

    private String createTask() {
        ApiClient.Response created = api.with("X-API-Key", "client-key").post("/v1/tasks", Map.of(
                "namespace", "python_workers", "name", "sum_numbers", "context", Map.of("numbers", List.of(1, 2, 3, 4))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("task_uuid").asString();
    }

    @Test
    void a_worker_claims_heartbeats_checkpoints_and_reports_and_stale_tokens_are_refused() {
        ApiClient worker = api.with("X-API-Key", "worker-key");
        String task = createTask();
        JsonNode claims = worker.post("/v1/workers/claims", Map.of("namespace", "python_workers", "max_steps", 10,
                "worker_id", "java-test")).json().path("claims");
        assertThat(claims).hasSize(2);
        JsonNode fetch = null;
        for (JsonNode claim : claims) {
            if (claim.path("step_name").asString().equals("py_fetch_numbers")) {
                fetch = claim;
            }
        }
        assertThat(fetch).isNotNull();
        assertThat(fetch.path("context").path("numbers")).hasSize(4);
        assertThat(fetch.path("attempt").asInt()).isEqualTo(1);
        assertThat(fetch.path("task_name").asString()).isEqualTo("sum_numbers");
        String step = fetch.path("step_uuid").asString();
        String token = fetch.path("lease_token").asString();
        String base = "/v1/workers/claims/" + step;

        assertThat(worker.post(base + "/heartbeat", Map.of("lease_token", token)).json()
                .path("lease_expires_at").asString()).isNotBlank();
        assertThat(worker.post(base + "/checkpoint", Map.of("lease_token", token, "cursor", Map.of("page", 2),
                "items_processed", 20)).json().path("saved").asBoolean()).isTrue();
        String stranger = "01900000-0000-7000-8000-0000000000aa";
        ApiClient.Response wrongToken = worker.post(base + "/result", Map.of("lease_token", stranger,
                "status", "success", "result", Map.of()));
        assertThat(wrongToken.status()).isEqualTo(409);
        assertThat(wrongToken.json().path("message").asString()).contains("no longer claimed with this lease token");

        ApiClient.Response accepted = worker.post(base + "/result", Map.of("lease_token", token, "status", "success",
                "result", Map.of("numbers", List.of(1, 2, 3, 4)), "execution_time_ms", 12));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        assertThat(worker.post(base + "/result", Map.of("lease_token", token, "status", "success")).status())
                .as("a second report of the same attempt").isEqualTo(409);
        assertThat(worker.post(base + "/heartbeat", Map.of("lease_token", token)).status()).isEqualTo(409);

        JsonNode next = worker.post("/v1/workers/claims", Map.of("namespace", "python_workers")).json().path("claims");
        assertThat(next).singleElement().satisfies(claim -> {
            assertThat(claim.path("step_name").asString()).isEqualTo("py_sum");
            assertThat(claim.path("dependency_results").path("py_fetch_numbers").path("numbers")).hasSize(4);
        });
        JsonNode stepView = api.with("X-API-Key", "client-key").get("/v1/tasks/" + task + "/workflow_steps/" + step)
                .json();
        assertThat(stepView.path("checkpoint").path("cursor").path("page").asInt()).isEqualTo(2);
        assertThat(stepView.path("results").path("numbers")).hasSize(4);
    }

    @Test
    void a_long_poll_waits_for_work_and_bad_claims_are_refused() {
        ApiClient worker = api.with("X-API-Key", "worker-key");
        long started = System.nanoTime();
        JsonNode empty = worker.post("/v1/workers/claims", Map.of("namespace", "nothing_here", "wait_seconds", 1))
                .json();
        assertThat(empty.path("claims")).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(worker.post("/v1/workers/claims", Map.of("namespace", "Bad NS")).status()).isEqualTo(400);
        assertThat(worker.post("/v1/workers/claims", Map.of("namespace", "x", "max_steps", 1000)).status())
                .isEqualTo(400);
        assertThat(worker.post("/v1/workers/claims/not-a-uuid/result", Map.of("lease_token", "x", "status", "success"))
                .status()).isEqualTo(400);
    }

    @Test
    void the_python_worker_runs_a_whole_workflow() throws Exception {
        Path script = Path.of(System.getProperty("basedir", ".")).resolve("../examples/workers/python/worker.py")
                .normalize();
        assertThat(script).exists();
        String task = createTask();
        Process python = new ProcessBuilder("python3", script.toString(), "--url", server.baseUrl(),
                "--namespace", "python_workers", "--api-key", "worker-key", "--wait-seconds", "1",
                "--idle-exit-seconds", "4", "--worker-id", "py-test")
                .redirectErrorStream(true)
                .redirectOutput(new File(System.getProperty("java.io.tmpdir"), "tasker-python-worker.log"))
                .start();
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() ->
                    api.with("X-API-Key", "client-key").get("/v1/tasks/" + task).json().path("status").asString()
                            .equals("complete"));
            JsonNode done = api.with("X-API-Key", "client-key").get("/v1/tasks/" + task).json();
            JsonNode describe = TaskApiTest.stepNamed(done, "py_describe");
            assertThat(describe.path("results").path("description").asString()).isEqualTo("sum=10 from 4 numbers");
            assertThat(describe.path("results").path("worker").asString()).isEqualTo("python");
            assertThat(TaskApiTest.stepNamed(done, "py_sum").path("results").path("sum").asInt()).isEqualTo(10);
            JsonNode flaky = TaskApiTest.stepNamed(done, "py_flaky");
            assertThat(flaky.path("attempts").asInt()).as("failed once, retried, succeeded").isEqualTo(2);
            assertThat(python.waitFor(30, TimeUnit.SECONDS)).as("the worker exits when idle").isTrue();
            assertThat(python.exitValue()).isZero();
        } finally {
            python.destroyForcibly();
            System.out.println(Files.readString(Path.of(System.getProperty("java.io.tmpdir"),
                    "tasker-python-worker.log")));
        }
    }
}
