package io.tasker.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.tasker.data.dataset.Datasets;
import io.tasker.data.run.RunRequest;
import io.tasker.testing.DatabaseTest;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Staleness of partitions with its causes: a source partition written with another schema makes the others
 * {@code schema_changed}; a downstream partition whose rebuild failed is {@code upstream_newer}; an unprocessed
 * invalidation is {@code pending_invalidation}; the stale filter lists exactly the stale ones.
 */
@DatabaseTest
class PartitionStalenessTest {

    @Test
    void stale_partitions_are_listed_with_their_causes(DataSource dataSource, @TempDir Path dir) {
        try (DataEngine engine = DataEngine.start(dataSource, dir)) {
            SalesFixture.writeDays(engine, 8, 8, 8);
            engine.data.deploy(DataEngine.ORG, SalesFixture.DAG);
            materialise(engine, "2026-11-01", "2026-11-03");
            Datasets datasets = engine.data.datasets();
            assertThat(stale(datasets, "daily_sales")).isEmpty();
            assertThat(datasets.partition(DataEngine.ORG, "daily_sales", "2026-11-02").freshness()).contains("fresh");

            engine.input("orders/2026-11-02.csv", "order_id,region,amount,note\n1,east,5,late\n");
            engine.input("orders/2026-11-03.csv", "order_id,region,price\n1,east,5\n");
            materialise(engine, "2026-11-02", "2026-11-03");
            assertThat(engine.runs("daily_totals", "failed")).as("day 3 has no amount column").isEqualTo(1);

            assertThat(datasets.partition(DataEngine.ORG, "sales__raw_orders", "2026-11-01").causes())
                    .containsExactly("schema_changed");
            var day3 = datasets.partition(DataEngine.ORG, "daily_sales", "2026-11-03");
            assertThat(day3.freshness()).contains("stale");
            assertThat(day3.causes()).containsExactly("upstream_newer");
            assertThat(datasets.partition(DataEngine.ORG, "daily_sales", "2026-11-02").freshness())
                    .as("rebuilt from its new input").contains("fresh");
            assertThat(stale(datasets, "daily_sales")).containsExactly("2026-11-03");

            engine.jdbc.update("""
                    INSERT INTO tasker_data.data_invalidations (dataset_uuid, dataset_version, scope, partition_key,
                                                                reason)
                    SELECT d.id, m.dataset_version, 'partition', '2026-11-01', 'correction'
                    FROM tasker_data.datasets d JOIN tasker_data.dag_version_datasets m ON m.dataset_uuid = d.id
                    WHERE d.name = 'daily_sales'
                    """);
            assertThat(datasets.partition(DataEngine.ORG, "daily_sales", "2026-11-01").causes())
                    .containsExactly("pending_invalidation");
            assertThat(stale(datasets, "daily_sales")).containsExactly("2026-11-01", "2026-11-03");
        }
    }

    private static void materialise(DataEngine engine, String from, String to) {
        var job = engine.data.dags().currentJob(DataEngine.ORG, "sales", "raw_orders");
        engine.data.runs().start(job, new RunRequest(List.of(), Optional.of(from), Optional.of(to), "all", 3),
                Optional.empty());
        engine.awaitIdle();
    }

    private static List<String> stale(Datasets datasets, String dataset) {
        return datasets.partitions(DataEngine.ORG, dataset, Optional.of("stale"), 1, 1000).items().stream()
                .map(Datasets.PartitionView::key).toList();
    }
}
