package io.tasker.data.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.tasker.data.DataEngine;
import io.tasker.data.InvalidationTest;
import io.tasker.data.SalesFixture;
import io.tasker.data.dataset.DatasetVersions;
import io.tasker.testing.DatabaseTest;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which dependents an invalidation reaches: a PerPartition job that already has a plain run queued for the partition
 * gets the invalidation handed to that run (one run, which records it as processed); a run that already carries
 * another invalidation is not reused. A manual-activation job is not a dependent: nothing starts it and the
 * invalidation does not wait for it, and its partition shows as stale (upstream_newer) until someone runs it.
 */
@DatabaseTest
class InvalidationDependentsTest {

    private static final String MANUAL = "byhand";

    @Test
    void a_queued_plain_run_takes_the_invalidation(DataSource dataSource, @TempDir Path dir) {
        try (DataEngine engine = DataEngine.start(dataSource, dir)) {
            engine.input("orders/d1.csv", SalesFixture.orders(4));
            engine.input("orders/d2.csv", SalesFixture.orders(4));
            engine.data.deploy(DataEngine.ORG, InvalidationTest.DAG);
            start(engine, "shop", "raw", "d1", "d2");
            engine.awaitIdle();
        }
        try (DataEngine engine = DataEngine.start(dataSource, dir, b -> b.runWorkers(false))) {
            UUID plain = start(engine, "shop", "cleaned", "d1");
            UUID first = engine.data.invalidations().create(DataEngine.ORG, "raw_orders",
                    new Invalidations.Request("partition", "d1", Optional.empty(), "correction"));
            UUID second = engine.data.invalidations().create(DataEngine.ORG, "raw_orders",
                    new Invalidations.Request("partition", "d1", Optional.empty(), "manual"));

            List<NewRun> runs = commitOfRawD1(engine, first);
            assertThat(runs).as("the queued run takes the invalidation").isEmpty();
            assertThat(trigger(engine, plain)).isEqualTo(first.toString());
            assertThat(commitOfRawD1(engine, first)).as("the same invalidation again").isEmpty();
            assertThat(commitOfRawD1(engine, second)).as("another invalidation gets a run of its own")
                    .singleElement().satisfies(run -> assertThat(run.trigger().path("invalidation_id").asString())
                            .isEqualTo(second.toString()));
        }
    }

    @Test
    void a_manual_job_is_not_a_dependent_and_shows_stale(DataSource dataSource, @TempDir Path dir) {
        String dag = InvalidationTest.DAG.replace("name: cleaned\n    activation: reactive",
                        "name: cleaned\n    activation: manual\n    partitions: {kind: static, keys: [d1, d2]}")
                .replace("name: shop", "name: " + MANUAL).replace("raw_orders", "m_raw")
                .replace("cleaned_orders", "m_cleaned").replace("region_totals", "m_totals").replace("sales_report", "m_report");
        assertThat(dag).contains("activation: manual");
        try (DataEngine engine = DataEngine.start(dataSource, dir)) {
            engine.input("orders/d1.csv", SalesFixture.orders(4));
            engine.input("orders/d2.csv", SalesFixture.orders(4));
            engine.data.deploy(DataEngine.ORG, dag);
            start(engine, MANUAL, "raw", "d1", "d2");
            engine.awaitIdle();
            start(engine, MANUAL, "cleaned", "d1");
            engine.awaitIdle();
            assertThat(engine.data.datasets().partition(DataEngine.ORG, "m_cleaned", "d1").freshness())
                    .contains("fresh");

            engine.input("orders/d1.csv", SalesFixture.orders(6));
            UUID id = engine.data.invalidations().create(DataEngine.ORG, "m_raw",
                    new Invalidations.Request("partition", "d1", Optional.empty(), "correction"));
            engine.awaitIdle();

            UUID cleaned = engine.data.dags().currentJob(DataEngine.ORG, MANUAL, "cleaned").id();
            assertThat(engine.jdbc.queryOne("SELECT count(*) FROM tasker_data.tasks WHERE job_id = ?",
                    row -> row.getInt(1), cleaned)).as("only the run started by hand").contains(1);
            assertThat(engine.data.invalidationCascade().get(DataEngine.ORG, id)).singleElement().satisfies(l -> {
                assertThat(l.processedBy()).isEmpty();
                assertThat(l.processedAt()).isPresent();
            });
            var partition = engine.data.datasets().partition(DataEngine.ORG, "m_cleaned", "d1");
            assertThat(partition.freshness()).contains("stale");
            assertThat(partition.causes()).containsExactly("upstream_newer");
        }
    }

    private static UUID start(DataEngine engine, String dag, String job, String... partitions) {
        return engine.data.runs().start(engine.data.dags().currentJob(DataEngine.ORG, dag, job),
                new RunRequest(List.of(partitions), Optional.empty(), Optional.empty(), "all", 2), Optional.empty())
                .runs().get(0).id();
    }

    /** The triggers of the re-materialised raw_orders d1 committing, as part of invalidation {@code id}. */
    private static List<NewRun> commitOfRawD1(DataEngine engine, UUID id) {
        return engine.jdbc.inTransaction(tx -> {
            var raw = DatasetVersions.current(tx, DataEngine.ORG, "raw_orders").orElseThrow();
            return Triggers.forCommits(tx, List.of(new Triggers.Committed(DataEngine.ORG, "raw_orders",
                    raw.versionId(), "d1", Instant.now(), Optional.of(new Triggers.Cascade(id, null)))));
        });
    }

    private static String trigger(DataEngine engine, UUID run) {
        return engine.jdbc.queryOne("SELECT input_versions ->> 'invalidation_id' FROM tasker_data.tasks WHERE id = ?",
                row -> row.getString(1), run).orElse(null);
    }
}
