package io.tasker.server;

import static io.tasker.server.ErrorBodies.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.tasker.testing.DatabaseTest;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A worker's result that cannot be stored fails its step instead of being refused (and sent again until the lease
 * expires); checkpoints and results given by hand meet the same size limit as results; a result that comes after
 * the lease is gone is counted in tasker_late_results_rejected_total.
 */
@DatabaseTest
class ResultLimitsApiTest {

    private static final String TEMPLATE = """
            name: job
            namespace_name: limits
            version: 1.0.0
            identity_strategy: always_unique
            steps:
              - {name: work, handler: {callable: external}, retry: {max_attempts: 3, backoff: none}}
            """;

    private TaskerServer server;
    private ApiClient api;

    @BeforeEach
    void start(DataSource dataSource) {
        server = Servers.withTemplates(dataSource, TEMPLATE);
        api = new ApiClient(server.baseUrl());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Creates a task and claims its step: [task, step, lease token]. */
    private List<String> claimed() {
        String task = api.post("/v1/tasks", Map.of("namespace", "limits", "name", "job")).json()
                .path("task_uuid").asString();
        JsonNode claim = api.post("/v1/workers/claims", Map.of("namespace", "limits")).json().path("claims").get(0);
        return List.of(task, claim.path("step_uuid").asString(), claim.path("lease_token").asString());
    }

    private JsonNode step(String task) {
        return api.get("/v1/tasks/" + task + "/workflow_steps").json().get(0);
    }

    @Test
    void a_worker_result_that_cannot_be_stored_fails_the_step_at_once() {
        List<String> claim = claimed();
        ApiClient.Response reported = api.post("/v1/workers/claims/" + claim.get(1) + "/result", Map.of(
                "lease_token", claim.get(2), "status", "success", "result", Map.of("text", "a\u0000b")));
        assertThat(reported.status()).as(reported.body()).isEqualTo(200);
        JsonNode step = step(claim.get(0));
        assertThat(step.path("current_state").asString()).isEqualTo("error");
        assertThat(step.path("attempts").asInt()).isEqualTo(1);
        assertThat(step.path("results").path("error").path("type").asString()).isEqualTo("ResultNotStorable");
    }

    @Test
    void a_worker_failure_is_stored_whatever_its_message_holds() {
        List<String> claim = claimed();
        ApiClient.Response reported = api.post("/v1/workers/claims/" + claim.get(1) + "/result", Map.of(
                "lease_token", claim.get(2), "status", "retryable_failure",
                "error", Map.of("type", "Busy", "message", "try\u0000later"), "retry_after_seconds", 60));
        assertThat(reported.status()).as(reported.body()).isEqualTo(200);
        JsonNode step = step(claim.get(0));
        assertThat(step.path("current_state").asString()).isEqualTo("waiting_for_retry");
        assertThat(step.path("results").path("error").path("message").asString()).isEqualTo("try\uFFFDlater");
    }

    @Test
    void checkpoints_and_results_given_by_hand_are_held_to_the_result_size_limit() {
        List<String> claim = claimed();
        String big = "x".repeat(1_100_000);
        assertError(api.post("/v1/workers/claims/" + claim.get(1) + "/checkpoint", Map.of(
                "lease_token", claim.get(2), "cursor", 1, "accumulated_results", Map.of("rows", big))),
                413, "payload_too_large");
        ApiClient.Response manual = api.patch("/v1/tasks/" + claim.get(0) + "/workflow_steps/" + claim.get(1),
                Map.of("action_type", "complete_manually", "completion_data", Map.of("result", Map.of("rows", big))));
        assertThat(assertError(manual, 413, "payload_too_large").path("message").asString())
                .startsWith("completion_data.result: ");
    }

    @Test
    void a_late_external_result_is_counted() {
        List<String> claim = claimed();
        assertThat(api.delete("/v1/tasks/" + claim.get(0)).status()).isEqualTo(200);
        assertError(api.post("/v1/workers/claims/" + claim.get(1) + "/result", Map.of(
                "lease_token", claim.get(2), "status", "success", "result", Map.of())), 409, "conflict");
        assertThat(api.get("/metrics").body()).contains("tasker_late_results_rejected_total{namespace=\"limits\"} 1.0");
    }
}
