package io.tasker.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.tasker.data.query.QueryResult;
import io.tasker.data.run.RunRequest;
import io.tasker.handler.StepResult;
import io.tasker.testing.DatabaseTest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job run by an engine handler (its rows published by the built-in publish step), a PerUpdate job that appends
 * each update into one static partition with a unique key (a repeated update adds no duplicates), and the query's
 * row limit.
 */
@DatabaseTest
class StrategiesTest {

    static final String DAG = """
            name: ledger
            jobs:
              - name: entries
                activation: source
                source: {kind: manual}
                operator: test.entries
                config: {per_partition: 3}
                partitions: {kind: static, keys: [p1, p2]}
              - name: all_entries
                activation: reactive
                operator: sql
                inputs: [{from: {job: entries}}]
                config: {query: "SELECT id, amount FROM input_0"}
                partitions: {kind: static, keys: [all]}
                execution_strategy: PerUpdate
                update_strategy: append
                unique_key: [id]
            publish:
              ledger: {from: {job: all_entries, output: 0}}
            """;

    @Test
    void handler_rows_are_published_and_updates_append_by_unique_key(DataSource dataSource, @TempDir Path dir) {
        try (DataEngine engine = DataEngine.start(dataSource, dir, b -> b.handler("test.entries", step -> {
            String partition = step.taskContext().path("partitions").get(0).asString();
            int n = step.initialization().path("per_partition").asInt();
            List<Map<String, Object>> rows = new java.util.ArrayList<>();
            for (int i = 1; i <= n; i++) {
                rows.add(Map.of("id", partition + "-" + i, "amount", i));
            }
            return StepResult.success(Map.of("rows", rows));
        }))) {
            engine.data.deploy(DataEngine.ORG, DAG);
            var job = engine.data.dags().currentJob(DataEngine.ORG, "ledger", "entries");
            engine.data.runs().start(job, new RunRequest(List.of("p1", "p2"), Optional.empty(), Optional.empty(),
                    "all", 1), Optional.empty());
            engine.awaitIdle();
            assertThat(engine.runs("all_entries", "succeeded")).as("one run per update").isEqualTo(2);
            assertThat(sum(engine)).containsExactly(6L, 12L);

            engine.data.runs().start(job, new RunRequest(List.of("p1"), Optional.empty(), Optional.empty(), "all", 1),
                    Optional.empty());
            engine.awaitIdle();
            assertThat(engine.runs("all_entries", "succeeded")).isEqualTo(3);
            assertThat(sum(engine)).as("the repeated update replaced its rows").containsExactly(6L, 12L);

            QueryResult limited = new io.tasker.data.query.QueryService(engine.jdbc, engine.data.storage(), 4,
                    java.time.Duration.ofSeconds(30)).run(DataEngine.ORG, "SELECT * FROM ledger");
            assertThat(limited.rows()).hasSize(4);
            assertThat(limited.truncated()).isTrue();
        }
    }

    private static List<Long> sum(DataEngine engine) {
        var row = engine.data.query().run(DataEngine.ORG, "SELECT count(*), sum(amount) FROM ledger").rows().get(0);
        return List.of(row.get(0).asLong(), row.get(1).asLong());
    }
}
