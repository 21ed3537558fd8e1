package io.tasker.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tasker.data.dag.DagValidationException;
import io.tasker.data.dag.Problem;
import io.tasker.data.deploy.Deployment;
import io.tasker.testing.DatabaseTest;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deploys are idempotent by YAML; every kind of invalid DAG is refused with the YAML path of its problem. */
@DatabaseTest
class DeployTest {

    @TempDir
    static Path dir;
    static DataEngine engine;

    @BeforeAll
    static void start() {
        engine = DataEngine.start(io.tasker.testing.TestPostgres.shared().dataSource(), dir,
                b -> b.runWorkers(false).runMaintenance(false));
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void the_same_yaml_again_is_the_same_version_and_a_change_is_a_new_one(DataSource dataSource) {
        Deployment first = engine.data.deploy(DataEngine.ORG, SalesFixture.DAG);
        Deployment again = engine.data.deploy(DataEngine.ORG, SalesFixture.DAG);
        assertThat(first.created()).isTrue();
        assertThat(again.created()).isFalse();
        assertThat(again.dagVersionId()).isEqualTo(first.dagVersionId());
        assertThat(again.yamlHash()).isEqualTo(first.yamlHash()).hasSize(64);

        Deployment changed = engine.data.deploy(DataEngine.ORG, SalesFixture.DAG.replace("sum(amount)",
                "sum(amount) * 1"));
        assertThat(changed.created()).isTrue();
        assertThat(changed.activated()).as("later versions wait for activation").isFalse();
        assertThat(changed.rebuiltJobs()).containsExactly("daily_totals");
        assertThat(engine.data.dags().versions(DataEngine.ORG, "sales")).hasSize(2);
    }

    @Test
    void append_without_unique_key_is_refused_at_its_yaml_path() {
        assertProblem(SalesFixture.DAG.replace("update_strategy: replace", "update_strategy: append"),
                "jobs[1].unique_key", "required when update_strategy is append");
    }

    @Test
    void an_unknown_input_job_is_refused() {
        assertProblem(SalesFixture.DAG.replace("{job: raw_orders, output: 0}", "{job: raw_order, output: 0}"),
                "jobs[1].inputs[0].from.job", "unknown job 'raw_order'");
    }

    @Test
    void an_output_that_does_not_exist_is_refused() {
        assertProblem(SalesFixture.DAG.replace("{job: raw_orders, output: 0}", "{job: raw_orders, output: 3}"),
                "jobs[1].inputs[0].from.output", "has 1 output(s)");
    }

    @Test
    void a_cycle_is_refused_and_named() {
        String cyclic = SalesFixture.DAG.replace("    operator: file\n",
                "    operator: sql\n    inputs: [{from: {job: daily_totals}}]\n")
                .replace("config: {path: \"orders/{partition}.csv\", format: csv}", "config: {query: \"SELECT 1\"}");
        assertProblem(cyclic, "jobs[0].inputs", "raw_orders -> daily_totals -> raw_orders");
    }

    @Test
    void an_unknown_operator_is_refused() {
        assertProblem(SalesFixture.DAG.replace("operator: sql", "operator: spark"), "jobs[1].operator",
                "unknown operator 'spark'");
    }

    @Test
    void a_bad_cron_schedule_is_refused() {
        assertProblem(SalesFixture.DAG.replace("source: {kind: manual}", "source: {kind: cron, schedule: \"every hour\"}"),
                "jobs[0].source.schedule", "not a valid cron expression");
    }

    @Test
    void a_bad_partition_spec_is_refused() {
        assertProblem(SalesFixture.DAG.replace("{kind: daily, start: \"2026-11-01\"}", "{kind: daily, start: \"Nov 1\"}"),
                "jobs[0].partitions.start", "must be a date");
        assertProblem(SalesFixture.DAG.replace("{kind: daily, start: \"2026-11-01\"}", "{kind: weekly}"),
                "jobs[0].partitions.kind", "must be daily, hourly, range or static");
    }

    @Test
    void sql_that_is_not_one_select_is_refused() {
        assertProblem(SalesFixture.DAG.replace("SELECT region, sum(amount) AS total FROM input_0 GROUP BY region",
                "DELETE FROM input_0"), "jobs[1].config.query", "must be a SELECT query");
    }

    @Test
    void a_file_path_outside_the_input_root_is_refused() {
        assertProblem(SalesFixture.DAG.replace("orders/{partition}.csv", "../../etc/{partition}"),
                "jobs[0].config.path", "input root");
    }

    private static void assertProblem(String yaml, String path, String message) {
        assertThatThrownBy(() -> engine.data.deploy(DataEngine.ORG, yaml))
                .isInstanceOfSatisfying(DagValidationException.class, e -> assertThat(e.problems())
                        .anySatisfy((Problem p) -> {
                            assertThat(p.path()).isEqualTo(path);
                            assertThat(p.message()).contains(message);
                        }));
    }
}
