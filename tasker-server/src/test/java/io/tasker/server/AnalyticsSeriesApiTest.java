package io.tasker.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tasker.handler.StepResult;
import io.tasker.server.api.AnalyticsSeriesRoutes;
import io.tasker.testing.DatabaseTest;
import io.tasker.testing.Templates;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code GET /v1/analytics/series}: per-bucket counts from SQL, every bucket of the window present, bounded. */
@DatabaseTest
class AnalyticsSeriesApiTest {

    @Test
    void tasks_created_completed_and_failed_are_counted_in_their_minute(DataSource dataSource) {
        try (TaskerServer server = TaskerServer.start(Servers.settings(dataSource)
                .withTemplates(List.of(Templates.single("series", "ok").yaml(),
                        Templates.template("series", "bad").step("boom", "fail").yaml()), Optional.empty())
                .withHandlers(Map.of("ok", ctx -> StepResult.success(Map.of()),
                        "fail", ctx -> StepResult.permanentFailure("boom"))))) {
            ApiClient api = new ApiClient(server.baseUrl());
            List<String> tasks = List.of(create(api, "single"), create(api, "single"), create(api, "bad"));
            await().atMost(Duration.ofSeconds(60)).until(() -> tasks.stream().allMatch(t -> List.of("complete", "error")
                    .contains(api.get("/v1/tasks/" + t).json().path("status").asString())));

            JsonNode hour = api.get("/v1/analytics/series").json();
            assertThat(hour.path("bucket_seconds").asInt()).isEqualTo(60);
            assertThat(hour.path("points").size()).as("the current minute and the 59 before it").isEqualTo(60);
            assertThat(sum(hour, "created")).isEqualTo(3);
            assertThat(sum(hour, "completed")).isEqualTo(2);
            assertThat(sum(hour, "failed")).isEqualTo(1);
            JsonNode month = api.get("/v1/analytics/series?hours=720").json();
            assertThat(month.path("bucket_seconds").asInt()).isEqualTo(21_600);
            assertThat(month.path("points").size()).isEqualTo(120);
            assertThat(sum(month, "created")).isEqualTo(3);
            assertThat(api.get("/v1/analytics/series?hours=721").status()).isEqualTo(400);
        }
    }

    @Test
    void the_bucket_grows_with_the_window() {
        assertThat(List.of(1, 3, 4, 24, 168, 720).stream().map(AnalyticsSeriesRoutes::bucketSeconds))
                .containsExactly(60, 60, 300, 900, 3600, 21_600);
    }

    private static String create(ApiClient api, String name) {
        return api.post("/v1/tasks", Map.of("namespace", "series", "name", name)).json().path("task_uuid").asString();
    }

    private static long sum(JsonNode series, String field) {
        long total = 0;
        for (JsonNode point : series.path("points")) {
            total += point.path(field).asLong();
        }
        return total;
    }
}
