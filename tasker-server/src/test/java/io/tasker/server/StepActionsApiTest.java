package io.tasker.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tasker.handler.PermanentError;
import io.tasker.handler.StepResult;
import io.tasker.testing.DatabaseTest;
import io.tasker.testing.Invariants;
import io.tasker.testing.Templates;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Operator actions over HTTP. A task has a failing step ("charge") and a slow independent branch ("audit") that
 * keeps it blocked_by_failures while the operator repairs the failure; once repaired, the step after the failed
 * one runs and the task ends complete (every step has a result) or resolved_manually (a step was resolved without
 * one). A task that already ended in error can be repaired the same way; a finished task cannot.
 */
@DatabaseTest
class StepActionsApiTest {

    private static final String TEMPLATE = Templates.template("repairs", "repairable").step("charge", "charge")
            .options("charge", "retry: {max_attempts: 1}").step("audit", "slow_audit").step("ship", "echo", "charge")
            .yaml();

    private final AtomicBoolean chargeFails = new AtomicBoolean(true);
    private final CountDownLatch auditMayFinish = new CountDownLatch(1);
    private TaskerServer server;
    private ApiClient api;
    private DataSource dataSource;

    @BeforeEach
    void start(DataSource dataSource) {
        this.dataSource = dataSource;
        server = TaskerServer.start(Servers.settings(dataSource)
                .withTemplates(java.util.List.of(TEMPLATE), java.util.Optional.empty())
                .withHandlers(Map.of(
                        "charge", ctx -> {
                            if (chargeFails.get()) {
                                throw new PermanentError("card declined");
                            }
                            return StepResult.success(Map.of("charged", true));
                        },
                        "slow_audit", ctx -> {
                            auditMayFinish.await(30, TimeUnit.SECONDS);
                            return StepResult.success(Map.of("audited", true));
                        })));
        api = new ApiClient(server.baseUrl());
    }

    @AfterEach
    void stop() {
        auditMayFinish.countDown();
        server.close();
        Invariants.check(dataSource);
    }

    /** Creates a task and waits until its charge step failed and it is blocked. */
    private String blockedTask() {
        String task = api.post("/v1/tasks", Map.of("namespace", "repairs", "name", "repairable")).json()
                .path("task_uuid").asString();
        await().atMost(Duration.ofSeconds(20)).until(() ->
                api.get("/v1/tasks/" + task).json().path("status").asString().equals("blocked_by_failures"));
        return task;
    }

    private String stepUuid(String task, String name) {
        return TaskApiTest.stepNamed(api.get("/v1/tasks/" + task).json(), name).path("step_uuid").asString();
    }

    /** Lets the slow branch finish; the task ends complete, or resolved_manually if a step was resolved. */
    private JsonNode finish(String task, String status) {
        auditMayFinish.countDown();
        await().atMost(Duration.ofSeconds(20)).until(() ->
                api.get("/v1/tasks/" + task).json().path("status").asString().equals(status));
        return api.get("/v1/tasks/" + task).json();
    }

    @Test
    void completing_a_failed_step_manually_lets_the_task_finish() {
        String task = blockedTask();
        String charge = stepUuid(task, "charge");
        ApiClient.Response patched = api.patch("/v1/tasks/" + task + "/workflow_steps/" + charge, Map.of(
                "action_type", "complete_manually", "reason", "charged by phone", "completed_by", "ops-anna",
                "completion_data", Map.of("result", Map.of("charged", true, "manual", true),
                        "metadata", Map.of("ticket", "OPS-12"))));
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(patched.json().path("current_state").asString()).isEqualTo("complete");

        JsonNode done = finish(task, "complete");
        JsonNode ship = TaskApiTest.stepNamed(done, "ship");
        assertThat(ship.path("current_state").asString()).isEqualTo("complete");
        assertThat(ship.path("results").path("dependency_results").path("charge").path("manual").asBoolean()).isTrue();

        JsonNode audit = api.get("/v1/tasks/" + task + "/workflow_steps/" + charge + "/audit").json();
        assertThat(audit.get(0).path("to_state").asString()).isEqualTo("complete");
        assertThat(audit.get(0).path("actor").asString()).isEqualTo("ops-anna");
        assertThat(audit.get(0).path("reason").asString()).isEqualTo("charged by phone");
        assertThat(audit.get(0).path("success").asBoolean()).isTrue();
        assertThat(audit.get(1).path("success").asBoolean()).as("the failed attempt").isFalse();
    }

    @Test
    void resetting_a_failed_step_runs_it_again_from_attempt_one() {
        String task = blockedTask();
        String charge = stepUuid(task, "charge");
        chargeFails.set(false);
        ApiClient.Response patched = api.patch("/v1/tasks/" + task + "/workflow_steps/" + charge,
                Map.of("action_type", "reset_for_retry", "reason", "the card issuer fixed their outage"));
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        JsonNode done = finish(task, "complete");
        JsonNode step = TaskApiTest.stepNamed(done, "charge");
        assertThat(step.path("current_state").asString()).isEqualTo("complete");
        assertThat(step.path("attempts").asInt()).as("attempts were reset before the rerun").isEqualTo(1);
        assertThat(step.path("results").path("charged").asBoolean()).isTrue();

        JsonNode audit = api.get("/v1/tasks/" + task + "/workflow_steps/" + charge + "/audit").json();
        assertThat(audit).extracting(e -> e.path("action").asString("result") + ":" + e.path("to_state").asString())
                .as("newest first: the rerun, the reset, the failed attempts")
                .startsWith("result:complete", "reset_for_retry:pending");
        JsonNode reset = audit.get(1);
        assertThat(reset.path("actor").asString()).as("the caller, a user of the default org")
                .matches("[0-9a-f-]{36}");
        assertThat(reset.path("reason").asString()).isEqualTo("the card issuer fixed their outage");
        assertThat(reset.path("from_state").asString()).isEqualTo("error");
        assertThat(reset.path("success").isNull()).as("a reset records no result").isTrue();
        assertThat(reset.path("audit_uuid").isNull()).isTrue();

        JsonNode transitions = api.get("/v1/tasks/" + task + "/workflow_steps/" + charge + "/transitions").json();
        List<String> path = new java.util.ArrayList<>();
        transitions.forEach(t -> path.add((t.path("from_state").isNull() ? "" : t.path("from_state").asString()) + ">"
                + t.path("to_state").asString()));
        assertThat(path).as("oldest first; the result passed through enqueued_for_orchestration (metadata.via)")
                .endsWith("in_progress>complete");
        assertThat(transitions.get(transitions.size() - 1).path("metadata").path("via").get(0).asString())
                .isEqualTo("enqueued_for_orchestration");
        assertThat(path).contains("error>pending");
        JsonNode recorded = transitions.get(path.indexOf("error>pending")).path("metadata");
        assertThat(recorded.path("event").asString()).isEqualTo("reset_for_retry");
        assertThat(recorded.path("reason").asString()).isEqualTo("the card issuer fixed their outage");
        assertThat(transitions.get(transitions.size() - 1).path("most_recent").asBoolean()).isTrue();
    }

    @Test
    void resolving_a_failed_step_manually_lets_the_task_finish_without_a_result() {
        String task = blockedTask();
        String charge = stepUuid(task, "charge");
        ApiClient.Response patched = api.patch("/v1/tasks/" + task + "/workflow_steps/" + charge,
                Map.of("action_type", "resolve_manually", "reason", "refunded by hand"));
        assertThat(patched.json().path("current_state").asString()).isEqualTo("resolved_manually");
        JsonNode done = finish(task, "resolved_manually");
        assertThat(TaskApiTest.stepNamed(done, "ship").path("current_state").asString()).isEqualTo("complete");
    }

    @Test
    void actions_the_state_does_not_allow_are_conflicts_and_bad_actions_bad_requests() {
        String task = blockedTask();
        String charge = stepUuid(task, "charge");
        String ship = stepUuid(task, "ship");
        ApiClient.Response notFailed = api.patch("/v1/tasks/" + task + "/workflow_steps/" + ship,
                Map.of("action_type", "reset_for_retry", "reason", "x"));
        assertThat(notFailed.status()).isEqualTo(409);
        assertThat(notFailed.json().path("message").asString()).contains("only a step in error can be reset");
        assertThat(api.patch("/v1/tasks/" + task + "/workflow_steps/" + charge,
                Map.of("action_type", "teleport")).json().path("field").asString()).isEqualTo("action_type");
        assertThat(api.patch("/v1/tasks/" + task + "/workflow_steps/" + charge,
                Map.of("action_type", "complete_manually")).status()).isEqualTo(400);
        assertThat(api.patch("/v1/tasks/" + task + "/workflow_steps/01900000-0000-7000-8000-000000000001",
                Map.of("action_type", "resolve_manually")).status()).isEqualTo(404);

        auditMayFinish.countDown();
        await().atMost(Duration.ofSeconds(20)).until(() ->
                api.get("/v1/tasks/" + task).json().path("status").asString().equals("error"));
        ApiClient.Response repaired = api.patch("/v1/tasks/" + task + "/workflow_steps/" + charge,
                Map.of("action_type", "resolve_manually", "reason", "refunded after the task failed"));
        assertThat(repaired.status()).as("a failed task can still be repaired").isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() ->
                api.get("/v1/tasks/" + task).json().path("status").asString().equals("resolved_manually"));
        ApiClient.Response finished = api.patch("/v1/tasks/" + task + "/workflow_steps/" + charge,
                Map.of("action_type", "reset_for_retry", "reason", "too late"));
        assertThat(finished.status()).isEqualTo(409);
        assertThat(finished.json().path("message").asString()).contains("its steps can no longer be changed");
    }
}
