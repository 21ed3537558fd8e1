package io.tasker.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tasker.testing.DatabaseTest;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@DatabaseTest
class HealthAndMetricsTest {

    @Test
    void health_endpoints_report_the_database_and_migrations(DataSource dataSource) {
        try (TaskerServer server = Servers.start(dataSource)) {
            ApiClient api = new ApiClient(server.baseUrl());
            assertThat(api.get("/health").json().path("status").asString()).isEqualTo("healthy");
            assertThat(api.get("/health/live").json().path("status").asString()).isEqualTo("alive");
            JsonNode ready = api.get("/health/ready").json();
            assertThat(ready.path("status").asString()).isEqualTo("ready");
            assertThat(ready.path("checks").path("database").path("status").asString()).isEqualTo("healthy");
            assertThat(ready.path("checks").path("migrations").path("version").asString()).isEqualTo(io.tasker.db.Migrations.currentVersion(dataSource));
            JsonNode detailed = api.get("/health/detailed").json();
            assertThat(detailed.path("info").path("roles")).hasSize(3);
            assertThat(detailed.path("info").path("pool").path("max").asInt()).isPositive();
            assertThat(api.get("/v1/system/info").json().path("schema_version").asString()).isEqualTo(io.tasker.db.Migrations.currentVersion(dataSource));
        }
    }

    @Test
    void metrics_count_tasks_and_time_steps(DataSource dataSource) {
        try (TaskerServer server = Servers.start(dataSource)) {
            ApiClient api = new ApiClient(server.baseUrl());
            String task = api.post("/v1/tasks", Map.of("namespace", "linear_workflow", "name", "mathematical_sequence",
                    "context", Map.of("even_number", 2))).json().path("task_uuid").asString();
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    api.get("/v1/tasks/" + task).json().path("status").asString().equals("complete"));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                String metrics = api.get("/metrics").body();
                assertThat(metrics).contains("tasker_tasks_started_total{namespace=\"linear_workflow\"} 1.0");
                assertThat(metrics).contains("tasker_tasks_finished_total{namespace=\"linear_workflow\",state=\"complete\"} 1.0");
                assertThat(metrics).contains("tasker_step_duration_seconds_count{namespace=\"linear_workflow\",outcome=\"success\"} 4");
                assertThat(metrics).contains("tasker_enqueue_to_start_seconds_bucket");
                assertThat(metrics).contains("tasker_claim_seconds_count");
                assertThat(metrics).contains("tasker_ready_steps").contains("tasker_active_leases");
                assertThat(metrics).contains("jvm_memory_used_bytes");
            });
        }
    }
}
