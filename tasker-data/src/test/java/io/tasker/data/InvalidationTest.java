package io.tasker.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.tasker.data.run.InvalidationCascade;
import io.tasker.data.run.Invalidations;
import io.tasker.data.run.RunRequest;
import io.tasker.json.Json;
import io.tasker.testing.DatabaseTest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A correction of one source partition cascades through a 3-level DAG of rewriting jobs: the result equals a
 * recompute from the corrected files, every level's invalidation is processed, and no run is doubled. A row-range
 * invalidation re-processes only the rows in its range.
 */
@DatabaseTest
public class InvalidationTest {

    public static final String DAG = "name: shop\njobs:\n" + SalesFixture.rawJob("{kind: static, keys: [d1, d2]}") + """
              - name: cleaned
                activation: reactive
                operator: sql
                inputs: [{from: {job: raw}}]
                config: {query: "SELECT order_id, region, amount FROM input_0 WHERE amount > 0"}
              - name: totals
                activation: reactive
                operator: sql
                inputs: [{from: {job: cleaned}}]
                config: {query: "SELECT region, sum(amount) AS total FROM input_0 GROUP BY region"}
              - name: report
                activation: reactive
                operator: sql
                inputs: [{from: {job: totals}}]
                config: {query: "SELECT sum(total) AS grand FROM input_0"}
            publish:
              raw_orders: {from: {job: raw}}
              cleaned_orders: {from: {job: cleaned}}
              region_totals: {from: {job: totals}}
              sales_report: {from: {job: report}}
            """;

    @Test
    void a_correction_cascades_to_the_end_and_equals_a_recompute(DataSource dataSource, @TempDir Path dir) {
        try (DataEngine engine = DataEngine.start(dataSource, dir)) {
            engine.input("orders/d1.csv", SalesFixture.orders(8));
            engine.input("orders/d2.csv", SalesFixture.orders(5));
            engine.data.deploy(DataEngine.ORG, DAG);
            engine.data.runs().start(engine.data.dags().currentJob(DataEngine.ORG, "shop", "raw"), new RunRequest(
                    List.of("d1", "d2"), Optional.empty(), Optional.empty(), "all", 2), Optional.empty());
            engine.awaitIdle();

            engine.input("orders/d1.csv", SalesFixture.orders(12));
            UUID id = engine.data.invalidations().create(DataEngine.ORG, "raw_orders", new Invalidations.Request(
                    "partition", "d1", Optional.empty(), "correction"));
            engine.awaitIdle();

            Map<String, Long> expected = new TreeMap<>(SalesFixture.totals(12));
            SalesFixture.totals(5).forEach((region, total) -> expected.merge(region, total, Long::sum));
            Map<String, Long> actual = new TreeMap<>();
            engine.data.query().run(DataEngine.ORG, "SELECT region, sum(total) FROM region_totals GROUP BY region")
                    .rows().forEach(row -> actual.put(row.get(0).asString(), row.get(1).asLong()));
            assertThat(actual).as("as a recompute from the corrected files").isEqualTo(expected);
            long grand = engine.data.query().run(DataEngine.ORG, "SELECT sum(grand) FROM sales_report").rows()
                    .get(0).get(0).asLong();
            assertThat(grand).isEqualTo(12 * 13 / 2 + 5 * 6 / 2);

            List<InvalidationCascade.Level> cascade = engine.data.invalidationCascade().get(DataEngine.ORG, id);
            assertThat(cascade).extracting(l -> l.level() + ":" + l.dataset() + ":" + l.processedBy())
                    .containsExactly("0:raw_orders:[cleaned]", "1:cleaned_orders:[totals]",
                            "2:region_totals:[report]", "3:sales_report:[]");
            assertThat(cascade).allSatisfy(l -> {
                assertThat(l.processedAt()).as("processed_at of level " + l.level()).isPresent();
                assertThat(l.partitionKey()).contains("d1");
            });
            assertThat(cascade.get(0).runs()).extracting(InvalidationCascade.Run::job)
                    .containsExactly("raw", "cleaned");
            for (String job : List.of("raw", "cleaned", "totals", "report")) {
                assertThat(engine.runs(job, "succeeded")).as(job + ": two days and one correction").isEqualTo(3);
            }
        }
    }

    @Test
    void a_row_range_invalidation_reprocesses_only_its_rows(DataSource dataSource, @TempDir Path dir) {
        String dag = "name: books\njobs:\n" + SalesFixture.rawJob("{kind: static, keys: [d1]}") + """
                  - name: ledger
                    activation: reactive
                    operator: sql
                    inputs: [{from: {job: raw}}]
                    config: {query: "SELECT order_id, amount * 10 AS amount10 FROM input_0"}
                    update_strategy: append
                    unique_key: [order_id]
                publish:
                  ledger: {from: {job: ledger}}
                """;
        try (DataEngine engine = DataEngine.start(dataSource, dir)) {
            engine.input("orders/d1.csv", SalesFixture.orders(8));
            engine.data.deploy(DataEngine.ORG, dag);
            engine.data.runs().start(engine.data.dags().currentJob(DataEngine.ORG, "books", "raw"), new RunRequest(
                    List.of("d1"), Optional.empty(), Optional.empty(), "all", 1), Optional.empty());
            engine.awaitIdle();

            engine.input("orders/d1.csv", SalesFixture.orders(8).replaceAll(",(\\d+)\n", ",1$1\n"));
            UUID id = engine.data.invalidations().create(DataEngine.ORG, "books__raw", new Invalidations.Request(
                    "row_range", "d1", Optional.of(Json.parse("{\"column\": \"order_id\", \"from\": 3, \"to\": 5}")),
                    "correction"));
            engine.awaitIdle();

            var row = engine.data.query().run(DataEngine.ORG, "SELECT count(*), sum(amount10) FROM ledger").rows()
                    .get(0);
            assertThat(row.get(0).asLong()).isEqualTo(8);
            assertThat(row.get(1).asLong()).as("orders 3 to 5 corrected (amount 1N), the others as they were")
                    .isEqualTo(10L * (36 - 12) + 10L * (13 + 14 + 15));
            assertThat(engine.data.invalidationCascade().get(DataEngine.ORG, id)).singleElement()
                    .satisfies(l -> {
                        assertThat(l.processedBy()).containsExactly("ledger");
                        assertThat(l.processedAt()).isPresent();
                    });
        }
    }
}
