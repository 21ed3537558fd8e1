package io.tasker.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.tasker.data.deploy.Dags;
import io.tasker.data.deploy.Deployment;
import io.tasker.data.run.RunRequest;
import io.tasker.testing.DatabaseTest;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A changed downstream job is rebuilt alone (its upstream keeps its dataset version and is not re-run); activating
 * swaps what queries see; rolling back is activating the earlier version again, and runs nothing.
 */
@DatabaseTest
class VersionsTest {

    @Test
    void a_changed_job_rebuilds_alone_and_rollback_runs_nothing(DataSource dataSource, @TempDir Path dir) {
        try (DataEngine engine = DataEngine.start(dataSource, dir)) {
            SalesFixture.writeDays(engine, 10, 20, 30);
            Deployment v1 = engine.data.deploy(DataEngine.ORG, SalesFixture.DAG);
            var raw = engine.data.dags().currentJob(DataEngine.ORG, "sales", "raw_orders");
            engine.data.runs().start(raw, new RunRequest(List.of("2026-11-01", "2026-11-02", "2026-11-03"),
                    Optional.empty(), Optional.empty(), "all", 10), Optional.empty());
            engine.awaitIdle();
            assertThat(engine.runs("raw_orders")).isEqualTo(3);
            assertThat(engine.runs("daily_totals")).isEqualTo(3);
            long v1Total = total(engine);

            Deployment v2 = engine.data.deploy(DataEngine.ORG,
                    SalesFixture.DAG.replace("sum(amount) AS total", "sum(amount) * 10 AS total"));
            assertThat(v2.rebuiltJobs()).containsExactly("daily_totals");
            engine.awaitIdle();
            assertThat(engine.runs("raw_orders")).as("upstream not re-run").isEqualTo(3);
            assertThat(engine.runs("daily_totals", "succeeded")).isEqualTo(6);
            assertThat(total(engine)).as("queries see v1 until the cut-over").isEqualTo(v1Total);
            assertThat(engine.data.dags().diff(DataEngine.ORG, "sales", v1.dagVersionId(), v2.dagVersionId()))
                    .containsExactlyInAnyOrder(new Dags.JobChange("raw_orders", "unchanged", List.of()),
                            new Dags.JobChange("daily_totals", "changed", List.of("config")));

            engine.data.cutover().activate(DataEngine.ORG, "sales", v2.dagVersionId());
            assertThat(total(engine)).isEqualTo(v1Total * 10);

            int runsBefore = engine.runs("raw_orders") + engine.runs("daily_totals");
            engine.data.cutover().activate(DataEngine.ORG, "sales", v1.dagVersionId());
            assertThat(total(engine)).as("rolled back").isEqualTo(v1Total);
            assertThat(engine.runs("raw_orders") + engine.runs("daily_totals")).as("rollback runs nothing")
                    .isEqualTo(runsBefore);
        }
    }

    @Test
    void activating_a_version_cancels_the_queued_runs_of_the_one_left_behind(DataSource dataSource,
                                                                             @TempDir Path dir) {
        try (DataEngine engine = DataEngine.start(dataSource, dir, b -> b.runWorkers(false))) {
            Deployment v1 = engine.data.deploy(DataEngine.ORG, SalesFixture.DAG);
            Deployment v2 = engine.data.deploy(DataEngine.ORG, SalesFixture.DAG.replace("sum(amount)", "max(amount)"));
            engine.data.cutover().activate(DataEngine.ORG, "sales", v2.dagVersionId());
            var raw = engine.data.dags().currentJob(DataEngine.ORG, "sales", "raw_orders");
            var started = engine.data.runs().start(raw, new RunRequest(List.of("2026-11-01", "2026-11-02"),
                    Optional.empty(), Optional.empty(), "all", 1), Optional.empty());
            assertThat(started.runs()).extracting(r -> r.status()).containsExactly("queued", "waiting");

            var activation = engine.data.cutover().activate(DataEngine.ORG, "sales", v1.dagVersionId());
            assertThat(activation.cancelledRuns()).hasSize(2);
            assertThat(engine.runs("raw_orders", "cancelled")).isEqualTo(2);
            assertThat(engine.tasker.tasks().state(started.runs().get(0).id()))
                    .contains(io.tasker.state.TaskState.CANCELLED);
        }
    }

    private static long total(DataEngine engine) {
        return engine.data.query().run(DataEngine.ORG, "SELECT sum(total) FROM daily_sales").rows().get(0).get(0)
                .asLong();
    }
}
