package io.tasker.server.board;

import static org.assertj.core.api.Assertions.assertThat;

import io.tasker.identity.BuiltInRole;
import io.tasker.identity.Identity;
import io.tasker.identity.Org;
import io.tasker.server.ApiClient;
import io.tasker.server.Servers;
import io.tasker.server.TaskerServer;
import io.tasker.server.auth.AuthSettings;
import io.tasker.server.auth.Permission;
import io.tasker.testing.DatabaseTest;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The board's REST API over a socket: the same operations as the library, with HTTP statuses and permissions. */
@DatabaseTest
class BoardApiTest {

    @Test
    void agents_create_claim_and_complete_tasks_and_the_errors_are_clear(DataSource dataSource) {
        try (TaskerServer server = Servers.start(dataSource)) {
            ApiClient ann = new ApiClient(server.baseUrl()).with("X-Tasker-Agent", "ann");
            ApiClient bob = new ApiClient(server.baseUrl()).with("X-Tasker-Agent", "bob");
            ApiClient.Response created = ann.post("/v1/board/tasks", Map.of("title", "Write the parser",
                    "priority", "critical", "files", List.of("src/Parser.java:1-80")));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            String id = created.json().path("id").asString();
            assertThat(created.json().path("files").get(0).path("spec").asString()).isEqualTo("src/Parser.java:1-80");
            ApiClient.Response next = ann.post("/v1/board/tasks", Map.of("title", "Test the parser",
                    "depends_on", List.of(id), "assignee", "cy"));
            String nextId = next.json().path("id").asString();
            assertThat(next.json().path("status").asString()).isEqualTo("blocked");

            assertThat(bob.post("/v1/board/tasks/" + id + "/claim", Map.of("ttl_seconds", 900)).status()).isEqualTo(200);
            ApiClient.Response lost = ann.post("/v1/board/tasks/" + id + "/claim", Map.of());
            assertThat(lost.status()).isEqualTo(409);
            assertThat(lost.json().path("holder").asString()).isEqualTo("bob");
            assertThat(lost.json().path("message").asString()).startsWith("board task " + id + " is claimed by bob");

            ApiClient.Response blocked = ann.patch("/v1/board/tasks/" + nextId, Map.of("status", "completed"));
            assertThat(blocked.status()).isEqualTo(409);
            ApiClient.Response done = bob.patch("/v1/board/tasks/" + id, Map.of("status", "completed",
                    "summary", "parser merged"));
            assertThat(done.status()).as(done.body()).isEqualTo(200);
            assertThat(ann.get("/v1/board/tasks/" + nextId).json().path("status").asString()).isEqualTo("pending");

            ApiClient cy = new ApiClient(server.baseUrl()).with("X-Tasker-Agent", "cy");
            JsonNode cysNews = cy.post("/v1/board/notifications/take", Map.of("limit", 10)).json();
            assertThat(cysNews.path("notifications")).extracting(n -> n.path("type").asString())
                    .containsExactly("task_assigned", "task_unblocked");
            assertThat(ann.post("/v1/board/notifications/take", Map.of()).json().path("notifications"))
                    .extracting(n -> n.path("type").asString()).containsExactly("task_completed");
            assertThat(ann.get("/v1/board/ready").json().path("tasks")).extracting(t -> t.path("id").asString())
                    .containsExactly(nextId);
            assertThat(ann.get("/v1/board/stats").json().path("ready").asInt()).isEqualTo(1);
            JsonNode history = ann.get("/v1/board/tasks/" + id + "?history=true").json().path("history");
            assertThat(history).extracting(r -> r.path("action").asString()).contains("create", "claim", "complete");

            ApiClient.Response missing = ann.post("/v1/board/tasks/0badc0de/complete", Map.of());
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.json().path("message").asString()).isEqualTo("board task '0badc0de' not found");
            ApiClient.Response cycle = ann.post("/v1/board/tasks/" + id + "/dependencies", Map.of("depends_on", nextId));
            assertThat(cycle.status()).isEqualTo(409);
            assertThat(cycle.json().path("cycle")).extracting(JsonNode::asString).containsExactly(id, nextId, id);
            assertThat(ann.post("/v1/board/tasks", Map.of("title", "x", "priority", "urgent")).status()).isEqualTo(400);
            assertThat(ann.post("/v1/board/tasks", Map.of("title", "x", "colour", "red")).json().path("field")
                    .asString()).isEqualTo("colour");
        }
    }

    @Test
    void a_viewer_reads_but_cannot_write_and_another_orgs_task_is_not_found(DataSource dataSource) {
        Identity identity = Identity.of(dataSource, Clock.systemUTC(), Permission.codes());
        identity.users().create(Org.DEFAULT_ID, "vera", Optional.empty(), BuiltInRole.VIEWER, Optional.empty());
        identity.users().create(Org.DEFAULT_ID, "wes", Optional.empty(), BuiltInRole.WORKER, Optional.empty());
        var other = identity.orgs().create("Other", "other", Optional.empty());
        identity.users().create(other.id(), "olga", Optional.empty(), BuiltInRole.DEVELOPER, Optional.empty());
        String vera = identity.keys().create(Org.DEFAULT_ID, "vera", "k", Optional.empty(), Optional.empty()).secret();
        String wes = identity.keys().create(Org.DEFAULT_ID, "wes", "k", Optional.empty(), Optional.empty()).secret();
        String olga = identity.keys().create(other.id(), "olga", "k", Optional.empty(), Optional.empty()).secret();
        try (TaskerServer server = Servers.start(dataSource, AuthSettings.NONE.withRequired(true))) {
            ApiClient api = new ApiClient(server.baseUrl());
            ApiClient worker = api.with("X-API-Key", wes);
            JsonNode task = worker.post("/v1/board/tasks", Map.of("title", "Worker's task")).json();
            assertThat(task.path("created_by").asString()).as("the user's own agent by default").isEqualTo("wes");
            String id = task.path("id").asString();

            ApiClient viewer = api.with("X-API-Key", vera);
            assertThat(viewer.get("/v1/board/tasks/" + id).status()).isEqualTo(200);
            ApiClient.Response denied = viewer.post("/v1/board/tasks/" + id + "/claim", Map.of());
            assertThat(denied.status()).isEqualTo(403);
            assertThat(denied.json().path("message").asString()).isEqualTo("'vera' lacks the permission board:write");

            assertThat(api.with("X-API-Key", olga).get("/v1/board/tasks/" + id).status()).isEqualTo(404);
            assertThat(api.with("X-API-Key", olga).get("/v1/board/tasks").json().path("tasks")).isEmpty();

            ApiClient.Response impostor = viewer.with("X-Tasker-Agent", "wes").get("/v1/board/ready");
            assertThat(impostor.status()).as("wes is bound to another user").isEqualTo(409);
            assertThat(worker.with("X-Tasker-Agent", "wes-helper").post("/v1/board/tasks/" + id + "/claim", Map.of())
                    .json().path("claimed_by").asString()).isEqualTo("wes-helper");
        }
    }
}
