package io.tasker.data.openlineage;

import static org.assertj.core.api.Assertions.assertThat;

import io.tasker.data.DataEngine;
import io.tasker.data.DataSettings;
import io.tasker.data.LineageTest;
import io.tasker.data.SalesFixture;
import io.tasker.data.run.RunRequest;
import io.tasker.json.Json;
import io.tasker.testing.DatabaseTest;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Every run writes its OpenLineage RunEvents to the outbox in the transactions that record it (START when it begins,
 * COMPLETE or FAIL when it ends), and each event validates against the OpenLineage JSON schema and its facets'
 * schemas; a job's column lineage is its outputs' {@code columnLineage} facet.
 */
@DatabaseTest
class OpenLineageEventTest {

    static final String TARGET = "file:/var/log/tasker/openlineage.jsonl";

    @Test
    void completed_and_failed_runs_write_valid_events(DataSource dataSource, @TempDir Path dir) {
        DataSettings settings = DataSettings.under(dir)
                .withOpenLineage(OpenLineageSettings.parse(TARGET, "acme"));
        String dag = LineageTest.DAG.replace("SELECT region, total / 100 AS dollars FROM input_0",
                "SELECT region, total / 100 AS dollars, no_such_column FROM input_0");
        try (DataEngine engine = DataEngine.start(dataSource, settings, Clock.systemUTC(), b -> b)) {
            engine.data.deploy(DataEngine.ORG, dag);
            engine.input("orders/d1.csv", SalesFixture.orders(8));
            engine.data.runs().start(engine.data.dags().currentJob(DataEngine.ORG, "shop", "raw"),
                    new RunRequest(List.of("d1"), Optional.empty(), Optional.empty(), "all", 1), Optional.empty());
            engine.awaitIdle();

            List<JsonNode> events = engine.jdbc.query("SELECT topic, target_url, kind, payload::text AS payload"
                    + " FROM tasker.outbox WHERE topic LIKE 'openlineage.%' ORDER BY created_at, message_uuid", row -> {
                        assertThat(row.getString("target_url")).isEqualTo(TARGET);
                        assertThat(row.getString("kind")).isEqualTo("event");
                        JsonNode payload = Json.parse(row.getString("payload"));
                        assertThat(row.getString("topic")).isEqualTo("openlineage." + payload.path("eventType")
                                .asString());
                        return payload;
                    });
            assertThat(events).extracting(e -> e.path("job").path("name").asString() + ":"
                    + e.path("eventType").asString()).containsExactlyInAnyOrder("shop.raw:START", "shop.raw:COMPLETE",
                    "shop.cleaned:START", "shop.cleaned:COMPLETE", "shop.totals:START", "shop.totals:COMPLETE",
                    "shop.report:START", "shop.report:FAIL");
            events.forEach(event -> assertThat(OpenLineageSchemas.problems(event)).as(event.toString()).isEmpty());

            JsonNode totals = event(events, "shop.totals", "COMPLETE");
            assertThat(totals.path("job").path("namespace").asString()).isEqualTo("acme/default");
            assertThat(totals.path("job").path("facets").path("sql").path("query").asString()).contains("sum(cents)");
            assertThat(totals.path("inputs")).extracting(i -> i.path("name").asString())
                    .containsExactly("cleaned_orders");
            JsonNode output = totals.path("outputs").get(0);
            assertThat(output.path("name").asString()).isEqualTo("region_totals");
            assertThat(output.path("outputFacets").path("outputStatistics").path("rowCount").asLong()).isEqualTo(4);
            JsonNode total = output.path("facets").path("columnLineage").path("fields").path("total");
            assertThat(total.path("inputFields")).singleElement().satisfies(f -> {
                assertThat(f.path("namespace").asString()).isEqualTo("acme/default");
                assertThat(f.path("name").asString()).isEqualTo("cleaned_orders");
                assertThat(f.path("field").asString()).isEqualTo("cents");
            });

            JsonNode failed = event(events, "shop.report", "FAIL");
            assertThat(failed.path("run").path("facets").path("errorMessage").path("message").asString())
                    .contains("the query failed");
            assertThat(failed.path("run").path("runId").asString())
                    .isEqualTo(event(events, "shop.report", "START").path("run").path("runId").asString());
        }
    }

    @Test
    void no_target_writes_nothing(DataSource dataSource, @TempDir Path dir) {
        try (DataEngine engine = DataEngine.start(dataSource, dir)) {
            engine.data.deploy(DataEngine.ORG, LineageTest.DAG);
            engine.input("orders/d1.csv", SalesFixture.orders(4));
            engine.data.runs().start(engine.data.dags().currentJob(DataEngine.ORG, "shop", "raw"),
                    new RunRequest(List.of("d1"), Optional.empty(), Optional.empty(), "all", 1), Optional.empty());
            engine.awaitIdle();
            assertThat(engine.jdbc.queryOne("SELECT count(*) FROM tasker.outbox WHERE topic LIKE 'openlineage.%'",
                    row -> row.getLong(1))).contains(0L);
        }
    }

    private static JsonNode event(List<JsonNode> events, String job, String type) {
        return events.stream().filter(e -> e.path("job").path("name").asString().equals(job)
                && e.path("eventType").asString().equals(type)).findFirst().orElseThrow();
    }
}
