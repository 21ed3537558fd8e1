package io.tasker.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.tasker.data.deploy.Deployment;
import io.tasker.data.query.QueryResult;
import io.tasker.data.run.RunRequest;
import io.tasker.testing.DatabaseTest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sales example from CSV files to query results, through the engine: a 3-partition backfill. */
@DatabaseTest
class EndToEndTest {

    @Test
    void a_backfill_of_three_days_materialises_them_and_the_query_gives_exact_totals(DataSource dataSource,
                                                                                      @TempDir Path dir) {
        try (DataEngine engine = DataEngine.start(dataSource, dir)) {
            SalesFixture.writeDays(engine, 40, 41, 42);
            Deployment deployment = engine.data.deploy(DataEngine.ORG, SalesFixture.DAG);
            assertThat(deployment.created()).isTrue();
            assertThat(deployment.activated()).isTrue();

            var job = engine.data.dags().currentJob(DataEngine.ORG, "sales", "raw_orders");
            var started = engine.data.runs().start(job, new RunRequest(List.of(), Optional.of("2026-11-01"),
                    Optional.of("2026-11-03"), "missing", 2), Optional.empty());
            assertThat(started.runs()).hasSize(3);
            engine.awaitIdle();

            assertThat(engine.runs("raw_orders", "succeeded")).isEqualTo(3);
            assertThat(engine.runs("daily_totals", "succeeded")).isEqualTo(3);
            QueryResult result = engine.data.query().run(DataEngine.ORG,
                    "SELECT region, sum(total) AS total FROM daily_sales GROUP BY region ORDER BY region");
            Map<String, Long> expected = new TreeMap<>();
            for (int n : new int[] {40, 41, 42}) {
                SalesFixture.totals(n).forEach((region, total) -> expected.merge(region, total, Long::sum));
            }
            Map<String, Long> actual = new TreeMap<>();
            result.rows().forEach(row -> actual.put(row.get(0).asString(), row.get(1).asLong()));
            assertThat(actual).isEqualTo(expected);

            var partitions = engine.data.datasets().partitions(DataEngine.ORG, "daily_sales",
                    Optional.of("materialized"), 1, 100);
            assertThat(partitions.items()).extracting(p -> p.key())
                    .containsExactly("2026-11-01", "2026-11-02", "2026-11-03");
            assertThat(partitions.items().get(0).rowCount()).contains(4L);
        }
    }
}
