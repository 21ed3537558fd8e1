package io.tasker.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import io.tasker.handler.StepResult;
import io.tasker.scheduler.Retention;
import io.tasker.scheduler.StalenessDetector;
import io.tasker.server.auth.AuthSettings;
import io.tasker.server.auth.Permission;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.testing.DatabaseTest;
import io.tasker.testing.Invariants;
import io.tasker.testing.MutableClock;
import io.tasker.testing.Templates;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;


/**
 * The dead letter queue over HTTP, with an injected clock: a task goes stale (worker_unavailable) or uses up its
 * retries (max_retries_exceeded) or is sent by hand (manual_dlq); an operator finds it, repairs the task with a step
 * action, and closes the entry in their own name. The scheduler's own detection is off here so that the test
 * decides when detection runs.
 */
@DatabaseTest
class DlqApiTest {

    private static final String STUCK = Templates.template("dlq_api", "stuck").step("fetch", "external")
            .step("ship", "echo", "fetch").with("lifecycle: {max_steps_in_process_minutes: 10, staleness_action: dlq}")
            .yaml();
    private static final String FLAKY = Templates.template("dlq_api", "flaky").step("charge", "charge")
            .options("charge", "retry: {max_attempts: 2, backoff: none}").step("ship", "echo", "charge").yaml();
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    private final AtomicBoolean gatewayUp = new AtomicBoolean(false);
    private DataSource dataSource;
    private TaskerServer server;
    private ApiClient ops;
    private ApiClient reader;

    @BeforeEach
    void start(DataSource dataSource) {
        this.dataSource = dataSource;
        AuthSettings auth = new AuthSettings(List.of(
                new AuthSettings.ApiKey("ops-anna", "key-ops-anna", EnumSet.allOf(Permission.class)),
                new AuthSettings.ApiKey("reader", "key-reader", Set.of(Permission.TASKS_READ))), Optional.empty());
        ServerSettings settings = Servers.settings(dataSource).withAuth(auth)
                .withTemplates(List.of(STUCK, FLAKY), Optional.empty())
                .withOperations(new OperationsSettings(
                        new StalenessDetector.Settings(false, Duration.ofMinutes(1), false, 100),
                        Retention.Settings.DEFAULTS))
                .withHandlers(Map.of("charge", ctx -> gatewayUp.get() ? StepResult.success(Map.of("charged", true))
                        : StepResult.retryableFailure("the gateway is down")));
        server = TaskerServer.start(settings, clock);
        ApiClient anonymous = new ApiClient(server.baseUrl());
        ops = anonymous.with("X-API-Key", "key-ops-anna");
        reader = anonymous.with("X-API-Key", "key-reader");
    }

    @AfterEach
    void stop() {
        server.close();
        Invariants.check(dataSource);
    }

    @Test
    void a_stale_task_is_found_repaired_through_the_api_and_its_entry_closed_in_the_callers_name() {
        String task = create("stuck");
        assertThat(health(task)).isEqualTo("healthy");
        clock.advance(Duration.ofMinutes(11));
        assertThat(health(task)).isEqualTo("stale");

        JsonNode dryRun = ops.post("/v1/dlq/staleness/detect", Map.of()).json();
        assertThat(dryRun.path("dry_run").asBoolean()).isTrue();
        assertThat(dryRun.path("findings").get(0).path("applied").asBoolean()).isFalse();
        assertThat(status(task)).as("a dry run changes nothing").isEqualTo("steps_in_process");
        assertThat(ops.get("/v1/dlq").json().path("pagination").path("total_count").asInt()).isZero();

        JsonNode detected = ops.post("/v1/dlq/staleness/detect", Map.of("dry_run", false)).json();
        JsonNode finding = detected.path("findings").get(0);
        assertThat(finding.path("dlq_reason").asString()).isEqualTo("worker_unavailable");
        assertThat(finding.path("applied").asBoolean()).isTrue();
        assertThat(status(task)).isEqualTo("error");

        JsonNode entry = ops.get("/v1/dlq/task/" + task).json();
        assertThat(entry.path("dlq_reason").asString()).isEqualTo("worker_unavailable");
        assertThat(entry.path("resolution_status").asString()).isEqualTo("pending");
        assertThat(entry.path("original_state").asString()).isEqualTo("steps_in_process");
        assertThat(entry.path("task_snapshot").path("task").path("task_uuid").asString()).isEqualTo(task);
        String entryUuid = entry.path("dlq_entry_uuid").asString();
        assertThat(ops.get("/v1/dlq?reason=worker_unavailable&status=pending&namespace=dlq_api").json()
                .path("entries").get(0).path("dlq_entry_uuid").asString()).isEqualTo(entryUuid);
        assertThat(ops.get("/v1/dlq/investigation-queue").json().get(0).path("dlq_entry_uuid").asString())
                .isEqualTo(entryUuid);
        JsonNode stats = ops.get("/v1/dlq/stats").json();
        assertThat(stats.path("pending").asInt()).isEqualTo(1);
        assertThat(stats.path("by_reason").get(0).path("dlq_reason").asString()).isEqualTo("worker_unavailable");

        ApiClient.Response repaired = ops.patch(stepPath(task, "fetch"), Map.of("action_type", "complete_manually",
                "reason", "fetched by hand", "completion_data", Map.of("result", Map.of("rows", 3))));
        assertThat(repaired.status()).as(repaired.body()).isEqualTo(200);
        awaitStatus(task, "complete");
        ApiClient.Response closed = ops.patch("/v1/dlq/entry/" + entryUuid, Map.of(
                "resolution_status", "manually_resolved", "resolution_notes", "worker pool was down; fetched by hand",
                "resolved_by", "someone-else", "metadata", Map.of("ticket", "OPS-7")));

        assertThat(closed.status()).as(closed.body()).isEqualTo(200);
        assertThat(closed.json().path("resolved_by").asString()).as("the caller, not the body")
                .isEqualTo(Servers.bootstrapUserId(dataSource, "ops-anna"));
        assertThat(closed.json().path("resolution_timestamp").isNull()).isFalse();
        assertThat(closed.json().path("metadata").path("ticket").asString()).isEqualTo("OPS-7");
        assertThat(ops.patch("/v1/dlq/entry/" + entryUuid, Map.of("resolution_status", "cancelled")).status())
                .as("a closed entry stays closed").isEqualTo(409);
        JsonNode audit = ops.get(stepPath(task, "fetch") + "/audit").json();
        assertThat(audit.get(audit.size() - 1).path("actor").asString()).isEqualTo(Servers.bootstrapUserId(dataSource, "ops-anna"));
        assertThat(audit.get(audit.size() - 1).path("reason").asString()).isEqualTo("fetched by hand");
        assertThat(taskStates(task)).containsSubsequence("steps_in_process", "error", "blocked_by_failures",
                "evaluating_results", "complete");
        assertThat(reopenedBy(task)).isEqualTo(Servers.bootstrapUserId(dataSource, "ops-anna"));
    }

    @Test
    void a_task_that_used_up_its_retries_has_an_entry_and_a_reset_step_completes_it() {
        String task = create("flaky");
        awaitStatus(task, "error");
        JsonNode entry = ops.get("/v1/dlq/task/" + task).json();
        assertThat(entry.path("dlq_reason").asString()).isEqualTo("max_retries_exceeded");
        assertThat(entry.path("resolution_status").asString()).isEqualTo("pending");
        gatewayUp.set(true);

        ApiClient.Response reset = ops.patch(stepPath(task, "charge"), Map.of("action_type", "reset_for_retry",
                "reason", "gateway is back"));

        assertThat(reset.status()).as(reset.body()).isEqualTo(200);
        awaitStatus(task, "complete");
        JsonNode closed = ops.patch("/v1/dlq/entry/" + entry.path("dlq_entry_uuid").asString(), Map.of(
                "resolution_status", "manually_resolved", "resolution_notes", "retried after the outage")).json();
        assertThat(closed.path("resolution_status").asString()).isEqualTo("manually_resolved");
        assertThat(ops.get("/v1/dlq/stats").json().path("pending").asInt()).isZero();
    }

    @Test
    void a_task_sent_by_hand_gets_one_pending_entry_which_can_be_cancelled() {
        String task = create("stuck");

        ApiClient.Response sent = ops.post("/v1/dlq", Map.of("task_uuid", task, "notes", "customer complained"));

        assertThat(sent.status()).as(sent.body()).isEqualTo(201);
        assertThat(sent.json().path("dlq_reason").asString()).isEqualTo("manual_dlq");
        assertThat(sent.json().path("metadata").path("requested_by").asString())
                .isEqualTo(Servers.bootstrapUserId(dataSource, "ops-anna"));
        assertThat(status(task)).as("the task goes on as it was").isEqualTo("steps_in_process");
        assertThat(ops.post("/v1/dlq", Map.of("task_uuid", task)).status()).as("one pending entry").isEqualTo(409);
        String entry = sent.json().path("dlq_entry_uuid").asString();
        assertThat(ops.patch("/v1/dlq/entry/" + entry, Map.of("resolution_status", "cancelled")).status())
                .isEqualTo(200);
        assertThat(ops.get("/v1/dlq?status=cancelled").json().path("entries")).hasSize(1);
        assertThat(ops.get("/v1/dlq/entry/" + entry).json().path("resolved_by").asString()).isEqualTo(Servers.bootstrapUserId(dataSource, "ops-anna"));
        assertThat(ops.post("/v1/dlq", Map.of("task_uuid", task)).status()).as("a new one after closing")
                .isEqualTo(201);
    }

    @Test
    void bad_requests_name_the_problem_and_permissions_are_checked() {
        assertThat(ops.get("/v1/dlq?status=lost").json().path("message").asString())
                .contains("status must be one of pending, manually_resolved");
        assertThat(ops.get("/v1/dlq?reason=boredom").status()).isEqualTo(400);
        assertThat(ops.get("/v1/dlq?per_page=1000").status()).isEqualTo(400);
        assertThat(ops.get("/v1/dlq/staleness?health=poor").status()).isEqualTo(400);
        assertThat(ops.get("/v1/dlq/entry/not-a-uuid").status()).isEqualTo(400);
        assertThat(ops.get("/v1/dlq/entry/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(ops.get("/v1/dlq/task/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(ops.post("/v1/dlq", Map.of("task_uuid", UUID.randomUUID().toString())).status()).isEqualTo(404);
        assertThat(ops.patch("/v1/dlq/entry/" + UUID.randomUUID(), Map.of("resolution_status", "closed")).status())
                .isEqualTo(400);
        assertThat(ops.patch("/v1/dlq/entry/" + UUID.randomUUID(), Map.of("resolution_status", "cancelled",
                "owner", "me")).status()).as("unknown field").isEqualTo(400);
        assertThat(ops.post("/v1/dlq/staleness/detect", Map.of("dry_run", "no")).status()).isEqualTo(400);
        assertThat(reader.get("/v1/dlq").status()).isEqualTo(403);
        assertThat(reader.post("/v1/dlq/staleness/detect", Map.of()).status()).isEqualTo(403);
    }

    private String create(String name) {
        ApiClient.Response created = ops.post("/v1/tasks", Map.of("namespace", "dlq_api", "name", name));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("task_uuid").asString();
    }

    private String status(String task) {
        return ops.get("/v1/tasks/" + task).json().path("status").asString();
    }

    private void awaitStatus(String task, String status) {
        await().atMost(WAIT).until(() -> status(task).equals(status));
    }

    private String health(String task) {
        for (JsonNode row : ops.get("/v1/dlq/staleness").json()) {
            if (row.path("task_uuid").asString().equals(task)) {
                return row.path("health").asString();
            }
        }
        throw new AssertionError("task " + task + " is not in the staleness report");
    }

    private String stepPath(String task, String step) {
        String uuid = TaskApiTest.stepNamed(ops.get("/v1/tasks/" + task).json(), step).path("step_uuid").asString();
        return "/v1/tasks/" + task + "/workflow_steps/" + uuid;
    }

    private List<String> taskStates(String task) {
        return new Jdbc(dataSource).query("SELECT to_state FROM tasker.task_transitions WHERE task_uuid = ?"
                + " ORDER BY sort_key", row -> row.getString(1), UUID.fromString(task));
    }

    private String reopenedBy(String task) {
        return new Jdbc(dataSource).queryOne("SELECT metadata->>'actor' FROM tasker.task_transitions"
                + " WHERE task_uuid = ? AND metadata->>'event' = 'reopen'", row -> row.getString(1),
                UUID.fromString(task)).orElseThrow();
    }
}
