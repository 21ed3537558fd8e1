package io.tasker.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tasker.data.dag.DagValidationException;
import io.tasker.data.lineage.Direction;
import io.tasker.data.lineage.Lineage;
import io.tasker.data.run.RunRequest;
import io.tasker.testing.DatabaseTest;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lineage of a 4-dataset chain: datasets from the active DAG version, a partition from the inputs its run read,
 * and the transitive closure of declared column lineage across three jobs, both ways.
 */
@DatabaseTest
public class LineageTest {

    public static final String DAG = "name: shop\njobs:\n" + SalesFixture.rawJob("{kind: static, keys: [d1]}") + """
              - name: cleaned
                activation: reactive
                operator: sql
                inputs: [{from: {job: raw}}]
                config: {query: "SELECT region, amount * 100 AS cents FROM input_0"}
                lineage: {region: [input_0.region], cents: [input_0.amount]}
              - name: totals
                activation: reactive
                operator: sql
                inputs: [{from: {job: cleaned}}]
                config: {query: "SELECT region, sum(cents) AS total FROM input_0 GROUP BY region"}
                lineage: {region: [input_0.region], total: [input_0.cents]}
              - name: report
                activation: reactive
                operator: sql
                inputs: [{from: {job: totals}}]
                config: {query: "SELECT region, total / 100 AS dollars FROM input_0"}
                lineage: {region: [input_0.region], dollars: [input_0.total]}
            publish:
              raw_orders: {from: {job: raw}}
              cleaned_orders: {from: {job: cleaned}}
              region_totals: {from: {job: totals}}
              sales_report: {from: {job: report}}
            """;

    @Test
    void lineage_of_datasets_partitions_and_columns(DataSource dataSource, @TempDir Path dir) {
        try (DataEngine engine = DataEngine.start(dataSource, dir)) {
            engine.data.deploy(DataEngine.ORG, DAG);
            engine.input("orders/d1.csv", SalesFixture.orders(8));
            engine.data.runs().start(engine.data.dags().currentJob(DataEngine.ORG, "shop", "raw"),
                    new RunRequest(List.of("d1"), Optional.empty(), Optional.empty(), "all", 1), Optional.empty());
            engine.awaitIdle();
            Lineage lineage = engine.data.lineage();

            assertThat(lineage.datasets(DataEngine.ORG, "sales_report", Direction.UPSTREAM, 2))
                    .extracting(e -> e.input() + ">" + e.output() + "@" + e.depth())
                    .containsExactly("region_totals>sales_report@1", "cleaned_orders>region_totals@2");
            assertThat(lineage.datasets(DataEngine.ORG, "raw_orders", Direction.DOWNSTREAM, 10))
                    .extracting(Lineage.DatasetEdge::output)
                    .containsExactly("cleaned_orders", "region_totals", "sales_report");

            assertThat(upstream(lineage, "sales_report", "dollars")).containsExactly(
                    "sales_report.dollars<region_totals.total@1", "region_totals.total<cleaned_orders.cents@2",
                    "cleaned_orders.cents<raw_orders.amount@3");
            assertThat(downstream(lineage, "raw_orders", "amount"))
                    .containsExactly("cleaned_orders.cents", "region_totals.total", "sales_report.dollars");

            var partition = lineage.partition(DataEngine.ORG, "sales_report", "d1");
            assertThat(partition.job()).contains("report");
            assertThat(partition.runId()).isPresent();
            assertThat(partition.inputs()).singleElement().satisfies(input -> {
                assertThat(input.dataset()).isEqualTo("region_totals");
                assertThat(input.partitionKey()).isEqualTo("d1");
                assertThat(input.current()).isTrue();
            });
        }
    }

    @Test
    void sql_jobs_column_lineage_is_derived_from_their_queries_and_a_declaration_wins(DataSource dataSource,
                                                                                  @TempDir Path dir) {
        String derived = DAG.replace("    lineage: {region: [input_0.region], cents: [input_0.amount]}\n", "")
                .replace("    lineage: {region: [input_0.region], total: [input_0.cents]}\n", "")
                .replace("lineage: {region: [input_0.region], dollars: [input_0.total]}",
                        "lineage: {region: [input_0.dollars]}");
        assertThat(derived).doesNotContain("input_0.cents");
        try (DataEngine engine = DataEngine.start(dataSource, dir, b -> b.runWorkers(false))) {
            engine.data.deploy(DataEngine.ORG, derived);
            Lineage lineage = engine.data.lineage();
            assertThat(upstream(lineage, "sales_report", "dollars")).containsExactly(
                    "sales_report.dollars<region_totals.total@1", "region_totals.total<cleaned_orders.cents@2",
                    "cleaned_orders.cents<raw_orders.amount@3");
            assertThat(downstream(lineage, "raw_orders", "region"))
                    .containsExactly("cleaned_orders.region", "region_totals.region");
            assertThat(lineage.columns(DataEngine.ORG, "sales_report", "region", Direction.UPSTREAM))
                    .extracting(e -> e.inputDataset() + "." + e.inputColumn()).containsExactly("region_totals.dollars");
        }
    }

    @Test
    void lineage_naming_an_input_the_job_lacks_is_refused(DataSource dataSource, @TempDir Path dir) {
        try (DataEngine engine = DataEngine.start(dataSource, dir, b -> b.runWorkers(false))) {
            assertThatThrownBy(() -> engine.data.deploy(DataEngine.ORG, DAG.replace("cents: [input_0.amount]",
                    "cents: [input_1.amount]"))).isInstanceOfSatisfying(DagValidationException.class,
                    e -> assertThat(e.problems()).anySatisfy(p -> {
                        assertThat(p.path()).isEqualTo("jobs[1].lineage.cents");
                        assertThat(p.message()).contains("input_N.column");
                    }));
        }
    }

    /** The column's upstream closure as {@code output.column<input.column@depth}. */
    private static List<String> upstream(Lineage lineage, String dataset, String column) {
        return lineage.columns(DataEngine.ORG, dataset, column, Direction.UPSTREAM).stream()
                .map(e -> e.outputDataset() + "." + e.outputColumn() + "<" + e.inputDataset() + "." + e.inputColumn()
                        + "@" + e.depth()).toList();
    }

    /** The columns made from the column, downstream, as {@code dataset.column}. */
    private static List<String> downstream(Lineage lineage, String dataset, String column) {
        return lineage.columns(DataEngine.ORG, dataset, column, Direction.DOWNSTREAM).stream()
                .map(e -> e.outputDataset() + "." + e.outputColumn()).toList();
    }
}
