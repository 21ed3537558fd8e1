package io.tasker.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tasker.testing.DatabaseTest;
import io.tasker.testing.Invariants;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Task lifecycles over HTTP, for every example shape. */
@DatabaseTest
class TaskApiTest {

    private TaskerServer server;
    private ApiClient api;
    private DataSource dataSource;

    @BeforeEach
    void start(DataSource dataSource) {
        this.dataSource = dataSource;
        server = Servers.start(dataSource);
        api = new ApiClient(server.baseUrl());
    }

    @AfterEach
    void stop() {
        server.close();
        Invariants.check(dataSource);
    }

    private JsonNode runToEnd(Map<String, Object> request, String expectedStatus) {
        ApiClient.Response created = api.post("/v1/tasks", request);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String uuid = created.json().path("task_uuid").asString();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> api.get("/v1/tasks/" + uuid).json().path("status").asString()
                        .matches("complete|error|cancelled|resolved_manually"));
        JsonNode task = api.get("/v1/tasks/" + uuid).json();
        assertThat(task.path("status").asString()).as(task.toString()).isEqualTo(expectedStatus);
        return task;
    }

    @Test
    void every_example_shape_runs_to_completion_over_http() {
        Map<String, Long> finalValues = Map.of(
                "linear_workflow/mathematical_sequence/linear_step_4", 65536L,
                "diamond_workflow/diamond_pattern/diamond_end", 320L,
                "tree_workflow/hierarchical_tree/tree_final_convergence", 256L * 17 * 25 * 7,
                "mixed_dag_workflow/complex_dag/dag_finalize", 482L);
        finalValues.forEach((key, expected) -> {
            String[] parts = key.split("/");
            JsonNode task = runToEnd(Map.of("namespace", parts[0], "name", parts[1],
                    "context", Map.of("even_number", 2)), "complete");
            assertThat(task.path("execution_status").asString()).isEqualTo("all_complete");
            assertThat(task.path("completion_percentage").asDouble()).isEqualTo(100.0);
            assertThat(task.path("health_status").asString()).isEqualTo("healthy");
            JsonNode last = stepNamed(task, parts[2]);
            assertThat(last.path("results").path("value").asLong()).as(key).isEqualTo(expected);
            assertThat(last.path("current_state").asString()).isEqualTo("complete");
        });
    }

    @Test
    void order_fulfillment_and_retry_shapes_end_as_expected() {
        Map<String, Object> order = Map.of("order_id", "api-1", "payment_token", "tok_busy",
                "items", List.of(Map.of("sku", "X", "quantity", 1, "price_cents", 500)));
        JsonNode paid = runToEnd(Map.of("namespace", "order_fulfillment", "name", "business_workflow",
                "context", order, "idempotency_key", "api-1"), "complete");
        assertThat(stepNamed(paid, "process_payment").path("attempts").asInt()).isEqualTo(2);
        JsonNode declined = runToEnd(Map.of("namespace", "order_fulfillment", "name", "business_workflow",
                "context", Map.of("order_id", "api-2", "payment_token", "tok_declined",
                        "items", List.of(Map.of("sku", "X", "quantity", 1, "price_cents", 500))),
                "idempotency_key", "api-2"), "error");
        assertThat(declined.path("execution_status").asString()).isEqualTo("blocked_by_failures");
        assertThat(declined.path("health_status").asString()).isEqualTo("blocked");
        runToEnd(Map.of("namespace", "retry_workflows", "name", "retry_then_succeed",
                "context", Map.of("even_number", 2)), "complete");
        runToEnd(Map.of("namespace", "retry_workflows", "name", "retry_exhaustion",
                "context", Map.of("even_number", 2)), "error");
    }

    @Test
    void a_task_is_created_with_all_request_fields_and_listed_with_filters() {
        ApiClient.Response created = api.post("/v1/tasks", Map.of("namespace", "linear_workflow",
                "name", "mathematical_sequence", "version", "1.0.0", "context", Map.of("even_number", 4),
                "initiator", "alice", "source_system", "billing", "reason", "month end", "tags", List.of("eu"),
                "priority", 5, "correlation_id", "01900000-0000-7000-8000-000000000001"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode task = created.json();
        assertThat(task.path("initiator").asString()).isEqualTo("alice");
        assertThat(task.path("priority").asInt()).isEqualTo(5);
        assertThat(task.path("correlation_id").asString()).isEqualTo("01900000-0000-7000-8000-000000000001");
        assertThat(task.path("total_steps").asInt()).isEqualTo(4);
        assertThat(task.path("steps")).hasSize(4);
        String child = api.post("/v1/tasks", Map.of("namespace", "linear_workflow", "name", "mathematical_sequence",
                "context", Map.of("even_number", 6), "initiator", "bob",
                "parent_correlation_id", "01900000-0000-7000-8000-000000000001")).json().path("correlation_id")
                .asString();
        api.post("/v1/tasks", Map.of("namespace", "diamond_workflow", "name", "diamond_pattern",
                "context", Map.of("even_number", 2), "parent_correlation_id", child));
        api.post("/v1/tasks", Map.of("namespace", "diamond_workflow", "name", "diamond_pattern",
                "context", Map.of("even_number", 8)));

        assertThat(api.get("/v1/tasks").json().path("pagination").path("total_count").asInt()).isEqualTo(4);
        assertThat(api.get("/v1/tasks?namespace=linear_workflow").json().path("tasks")).hasSize(2);
        assertThat(api.get("/v1/tasks?initiator=alice").json().path("tasks")).hasSize(1);
        assertThat(api.get("/v1/tasks?correlation_id=01900000-0000-7000-8000-000000000001").json().path("tasks"))
                .as("the whole family: the task, its child and its grandchild").hasSize(3);
        assertThat(api.get("/v1/tasks?correlation_id=" + child).json().path("tasks"))
                .as("a family starts where asked").hasSize(2);
        JsonNode page = api.get("/v1/tasks?per_page=3&page=2").json();
        assertThat(page.path("tasks")).hasSize(1);
        assertThat(page.path("pagination").path("has_previous").asBoolean()).isTrue();
        assertThat(page.path("pagination").path("total_pages").asInt()).isEqualTo(2);
    }

    @Test
    void creation_answers_from_the_rows_it_wrote_exactly_what_a_read_shows() {
        server.close();
        // API only: no worker or scheduler touches the tasks, so a read afterwards sees what creation wrote.
        server = TaskerServer.start(Servers.settings(dataSource).withRoles(java.util.EnumSet.of(Role.API), List.of()));
        api = new ApiClient(server.baseUrl());
        List<Map<String, Object>> requests = List.of(
                Map.of("namespace", "linear_workflow", "name", "mathematical_sequence",
                        "context", Map.of("even_number", 4), "tags", List.of("eu"), "priority", 5),
                Map.of("namespace", "diamond_workflow", "name", "diamond_pattern", "context", Map.of("even_number", 2)),
                Map.of("namespace", "tree_workflow", "name", "hierarchical_tree", "context", Map.of("even_number", 6)));
        for (Map<String, Object> request : requests) {
            ApiClient.Response created = api.post("/v1/tasks", request);
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            JsonNode read = api.get("/v1/tasks/" + created.json().path("task_uuid").asString()).json();
            assertThat(created.json()).as(request.get("namespace").toString()).isEqualTo(read);
        }
    }

    @Test
    void tasks_are_listed_by_creation_time_range() {
        api.post("/v1/tasks", Map.of("namespace", "diamond_workflow", "name", "diamond_pattern",
                "context", Map.of("even_number", 2)));
        String created = api.get("/v1/tasks").json().path("tasks").get(0).path("created_at").asString();
        java.time.Instant at = java.time.Instant.parse(created);
        assertThat(api.get("/v1/tasks?created_from=" + at).json().path("tasks")).as("from is inclusive").hasSize(1);
        assertThat(api.get("/v1/tasks?created_to=" + at).json().path("tasks")).as("to is exclusive").isEmpty();
        assertThat(api.get("/v1/tasks?created_from=" + at.minusSeconds(60) + "&created_to=" + at.plusSeconds(60))
                .json().path("tasks")).hasSize(1);
        assertThat(api.get("/v1/tasks?created_from=" + at.plusSeconds(1)).json().path("tasks")).isEmpty();
        ApiClient.Response wrong = api.get("/v1/tasks?created_from=yesterday");
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.json().path("field").asString()).isEqualTo("created_from");
    }

    @Test
    void a_duplicate_task_is_a_conflict_naming_the_existing_task() {
        Map<String, Object> request = Map.of("namespace", "linear_workflow", "name", "mathematical_sequence",
                "context", Map.of("even_number", 8));
        String first = api.post("/v1/tasks", request).json().path("task_uuid").asString();
        ApiClient.Response again = api.post("/v1/tasks", request);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("error").asString()).isEqualTo("conflict");
        assertThat(again.json().path("existing_task_uuid").asString()).isEqualTo(first);
    }

    @Test
    void cancelling_over_http_cancels_and_cancelling_a_finished_task_is_a_conflict() {
        JsonNode done = runToEnd(Map.of("namespace", "linear_workflow", "name", "mathematical_sequence",
                "context", Map.of("even_number", 10)), "complete");
        ApiClient.Response late = api.delete("/v1/tasks/" + done.path("task_uuid").asString());
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.json().path("message").asString()).contains("can no longer be cancelled");

        ApiClient.Response created = api.post("/v1/tasks", Map.of("namespace", "retry_workflows",
                "name", "retry_exhaustion", "context", Map.of("even_number", 2)));
        String uuid = created.json().path("task_uuid").asString();
        ApiClient.Response cancelled = api.delete("/v1/tasks/" + uuid);
        if (cancelled.status() == 200) {
            assertThat(cancelled.json().path("status").asString()).isEqualTo("cancelled");
        } else {
            assertThat(cancelled.status()).as("it may have failed first").isEqualTo(409);
        }
    }

    @Test
    void steps_and_their_audit_trail_are_served() {
        JsonNode task = runToEnd(Map.of("namespace", "retry_workflows", "name", "retry_then_succeed",
                "context", Map.of("even_number", 2)), "complete");
        String uuid = task.path("task_uuid").asString();
        JsonNode steps = api.get("/v1/tasks/" + uuid + "/workflow_steps").json();
        assertThat(steps).hasSize(2);
        JsonNode flaky = stepNamed(task, "flaky_step");
        String stepUuid = flaky.path("step_uuid").asString();
        assertThat(api.get("/v1/tasks/" + uuid + "/workflow_steps/" + stepUuid).json().path("attempts").asInt())
                .isEqualTo(3);
        JsonNode audit = api.get("/v1/tasks/" + uuid + "/workflow_steps/" + stepUuid + "/audit").json();
        assertThat(audit).hasSize(3);
        assertThat(audit.get(0).path("success").asBoolean()).as("newest first").isTrue();
        assertThat(audit.get(2).path("success").asBoolean()).isFalse();
        assertThat(audit.get(2).path("error").path("type").asString()).isEqualTo("RetryableError");
        assertThat(audit.get(0).path("execution_time_ms").isNumber()).isTrue();
    }

    static JsonNode stepNamed(JsonNode task, String name) {
        for (JsonNode step : task.path("steps")) {
            if (step.path("name").asString().equals(name)) {
                return step;
            }
        }
        throw new AssertionError("no step " + name + " in " + task);
    }
}
