package io.tasker.server.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tasker.data.DataSettings;
import io.tasker.data.openlineage.OpenLineageSettings;
import io.tasker.json.Json;
import io.tasker.server.ApiClient;
import io.tasker.server.Servers;
import io.tasker.server.TaskerServer;
import io.tasker.server.config.ConfigLoader;
import io.tasker.testing.DatabaseTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * OpenLineage events configured in the environment reach their file through the outbox: one JSON line per event,
 * a START and a COMPLETE for each run, with the same run id.
 */
@DatabaseTest
class OpenLineageDeliveryTest {

    @Test
    void runs_events_are_appended_to_the_configured_file(DataSource dataSource, @TempDir Path dir) throws Exception {
        Path log = dir.resolve("lineage/events.jsonl");
        OpenLineageSettings openLineage = ConfigLoader.load(Optional.empty(), Map.of(
                "TASKER_DATA_OPENLINEAGE_URL", log.toUri().toString(),
                "TASKER_DATA_OPENLINEAGE_NAMESPACE", "acme"), Map.of()).settings().data().openLineage();
        Files.createDirectories(dir.resolve("input/orders"));
        Files.writeString(dir.resolve("input/orders/a.csv"), "id,amount\n1,10\n2,20\n");
        try (TaskerServer server = TaskerServer.start(Servers.settings(dataSource)
                .withData(DataSettings.under(dir).withOpenLineage(openLineage)))) {
            ApiClient api = new ApiClient(server.baseUrl());
            assertThat(api.send("POST", "/v1/dags", "application/yaml", DataApiTest.DAG).status()).isEqualTo(201);
            assertThat(api.post("/v1/dags/shop/jobs/orders/runs", Map.of("partitions", List.of("a"), "mode",
                    "missing")).status()).isEqualTo(201);

            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(log)
                    && Files.readAllLines(log).size() >= 4);
            List<JsonNode> events = Files.readAllLines(log).stream().map(Json::parse).toList();
            assertThat(events).extracting(e -> e.path("job").path("name").asString() + ":"
                    + e.path("eventType").asString()).containsExactlyInAnyOrder("shop.orders:START",
                    "shop.orders:COMPLETE", "shop.totals:START", "shop.totals:COMPLETE");
            assertThat(events).allSatisfy(e -> assertThat(e.path("job").path("namespace").asString())
                    .isEqualTo("acme/default"));
            assertThat(events.stream().map(e -> e.path("run").path("runId").asString()).distinct()).hasSize(2);
            JsonNode totals = events.stream().filter(e -> e.path("eventType").asString().equals("COMPLETE")
                    && e.path("job").path("name").asString().equals("shop.totals")).findFirst().orElseThrow();
            assertThat(totals.path("outputs").get(0).path("name").asString()).isEqualTo("shop_totals");
        }
    }
}
