package io.tasker.server.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tasker.identity.BuiltInRole;
import io.tasker.identity.Identity;
import io.tasker.identity.Org;
import io.tasker.server.ApiClient;
import io.tasker.server.Servers;
import io.tasker.server.TaskerServer;
import io.tasker.server.auth.AuthSettings;
import io.tasker.server.auth.Permission;
import io.tasker.testing.DatabaseTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The {@code board} step (examples/board/purchase_approval.yaml): the workflow's approval is a board task for the
 * operator role; completing it completes the step with the summary; cancelling either side cancels the other.
 */
@DatabaseTest
class BoardStepTest {

    static final Path EXAMPLE = Path.of(System.getProperty("basedir", ".")).resolve("../examples/board/purchase_approval.yaml")
            .normalize();
    private static final Map<String, Object> REQUEST = Map.of("namespace", "board_examples", "name", "board_approval",
            "context", Map.of("amount", 1200, "requester", "rita", "purpose", "a laptop"));

    private ApiClient olivia;
    private ApiClient walt;

    private TaskerServer start(DataSource dataSource) throws IOException {
        Identity identity = Identity.of(dataSource, Clock.systemUTC(), Permission.codes());
        identity.users().create(Org.DEFAULT_ID, "olivia", Optional.empty(), BuiltInRole.OPERATOR, Optional.empty());
        identity.users().create(Org.DEFAULT_ID, "walt", Optional.empty(), BuiltInRole.WORKER, Optional.empty());
        TaskerServer server = TaskerServer.start(Servers.settings(dataSource)
                .withTemplates(List.of(Files.readString(EXAMPLE)), Optional.empty())
                .withAuth(AuthSettings.NONE.withRequired(true)));
        ApiClient api = new ApiClient(server.baseUrl());
        olivia = api.with("X-API-Key", key(identity, "olivia"));
        walt = api.with("X-API-Key", key(identity, "walt"));
        return server;
    }

    @BeforeEach
    void reset() {
        olivia = null;
        walt = null;
    }

    @Test
    void the_approval_step_waits_for_its_board_task_and_completes_with_the_summary(DataSource dataSource)
            throws IOException {
        try (TaskerServer ignored = start(dataSource)) {
            String workflowTask = created(olivia.post("/v1/tasks", REQUEST));
            JsonNode boardTask = awaitBoardTask();
            String id = boardTask.path("id").asString();
            assertThat(boardTask.path("title").asString()).isEqualTo("Approve the purchase request");
            assertThat(boardTask.path("role").asString()).isEqualTo("operator");
            assertThat(boardTask.path("created_by").asString()).isEqualTo("tasker:workflow");
            // the handler shares the step's inputs just after it creates the board task, in a transaction of its own
            JsonNode context = await().atMost(Duration.ofSeconds(60)).until(
                    () -> olivia.get("/v1/board/tasks/" + id + "/context").json().path("entries"),
                    entries -> entries.size() == 1).get(0);
            assertThat(context.path("content").asString()).contains("\"requester\":\"rita\"").contains("validate_request");

            ApiClient.Response notForWorkers = walt.post("/v1/board/tasks/" + id + "/claim", Map.of());
            assertThat(notForWorkers.status()).isEqualTo(409);
            assertThat(notForWorkers.json().path("message").asString()).contains("is for the role operator");
            assertThat(olivia.post("/v1/board/tasks/" + id + "/claim", Map.of()).status()).isEqualTo(200);
            assertThat(olivia.post("/v1/board/tasks/" + id + "/complete", Map.of("summary", "approved: within budget"))
                    .status()).isEqualTo(200);

            JsonNode finished = awaitTaskStatus(workflowTask, "complete");
            JsonNode approval = step(finished, "manager_approval");
            assertThat(approval.path("results").path("summary").asString()).isEqualTo("approved: within budget");
            assertThat(approval.path("results").path("completed_by").asString()).isEqualTo("olivia");
        }
    }

    @Test
    void cancelling_the_board_task_cancels_the_workflow_task(DataSource dataSource) throws IOException {
        try (TaskerServer ignored = start(dataSource)) {
            String workflowTask = created(olivia.post("/v1/tasks", REQUEST));
            String id = awaitBoardTask().path("id").asString();
            assertThat(olivia.post("/v1/board/tasks/" + id + "/cancel", Map.of("reason", "duplicate request"))
                    .status()).isEqualTo(200);
            awaitTaskStatus(workflowTask, "cancelled");
        }
    }

    @Test
    void cancelling_the_workflow_task_cancels_the_board_task(DataSource dataSource) throws IOException {
        try (TaskerServer ignored = start(dataSource)) {
            String workflowTask = created(olivia.post("/v1/tasks", REQUEST));
            // Cancelled as soon as the board task exists: the step may not have parked yet (the repair covers that).
            String id = awaitBoardTask().path("id").asString();
            assertThat(olivia.delete("/v1/tasks/" + workflowTask).status()).isIn(200, 204);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(olivia.get("/v1/board/tasks/" + id)
                    .json().path("status").asString()).isEqualTo("cancelled"));
        }
    }

    @Test
    void inputs_too_large_for_the_board_fail_the_step_and_leave_no_board_task(DataSource dataSource)
            throws IOException {
        try (TaskerServer ignored = start(dataSource)) {
            String workflowTask = created(olivia.post("/v1/tasks", Map.of("namespace", "board_examples",
                    "name", "board_approval", "context", Map.of("amount", 5, "requester", "rita",
                            "purpose", "x".repeat(25_000)))));
            JsonNode failed = awaitTaskStatus(workflowTask, "error");
            assertThat(step(failed, "manager_approval").path("last_error").toString())
                    .contains("the board keeps at most 20000 per entry");
            assertThat(olivia.get("/v1/board/tasks").json().path("tasks")).isEmpty();
        }
    }

    private JsonNode awaitBoardTask() {
        return await().atMost(Duration.ofSeconds(60)).until(() -> olivia.get("/v1/board/tasks").json().path("tasks"),
                tasks -> tasks.size() == 1).get(0);
    }

    private JsonNode awaitTaskStatus(String task, String status) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> olivia.get("/v1/tasks/" + task).json(),
                json -> json.path("status").asString().equals(status));
    }

    private static JsonNode step(JsonNode task, String name) {
        for (JsonNode step : task.path("steps")) {
            if (step.path("name").asString().equals(name)) {
                return step;
            }
        }
        throw new AssertionError("no step " + name + " in " + task);
    }

    private static String created(ApiClient.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().path("task_uuid").asString();
    }

    private static String key(Identity identity, String user) {
        return identity.keys().create(Org.DEFAULT_ID, user, "k", Optional.empty(), Optional.empty()).secret();
    }
}
