package io.tasker.cli.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tasker.cli.CliRun;
import io.tasker.cli.ExitCodes;
import io.tasker.examples.data.SalesExample;
import io.tasker.testing.DatabaseTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code tasker dag|job|dataset|query} against a real server, with the sales example. */
@DatabaseTest
class DataCommandsTest {

    @Test
    void the_sales_example_through_the_cli(DataSource dataSource, @TempDir Path dir) throws Exception {
        SalesExample.copyOrders(dir.resolve("input"));
        Path dag = Files.writeString(dir.resolve("sales.yaml"), SalesExample.dag());
        try (ClientServer server = ClientServer.startWithData(dataSource, dir)) {
            CliRun deploy = server.run("dag", "deploy", dag.toString());
            assertThat(deploy.exitCode()).as(deploy.err()).isEqualTo(ExitCodes.OK);
            assertThat(deploy.out()).startsWith("deployed sales version ").contains("(active)");
            assertThat(server.run("dag", "deploy", dag.toString()).out()).startsWith("already deployed: sales");

            Path bad = Files.writeString(dir.resolve("bad.yaml"), SalesExample.dag()
                    .replace("update_strategy: replace", "update_strategy: append"));
            CliRun invalid = server.run("dag", "deploy", bad.toString());
            assertThat(invalid.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(invalid.err()).contains("jobs[1].unique_key: is required when update_strategy is append");

            CliRun run = server.run("job", "run", "sales", "raw_orders", "--from", "2026-11-01", "--to", "2026-11-03");
            assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
            assertThat(run.out()).contains("3 runs started, 0 partitions skipped");
            await().atMost(Duration.ofSeconds(60)).until(() -> server.json("job", "runs", "sales", "daily_totals",
                    "--status", "succeeded").path("pagination").path("total_count").asInt() == 3);

            JsonNode result = server.json("query", "SELECT region, sum(total) AS total FROM daily_sales GROUP BY region");
            Map<String, Long> totals = new TreeMap<>();
            result.path("rows").forEach(row -> totals.put(row.get(0).asString(), row.get(1).asLong()));
            assertThat(totals).isEqualTo(new TreeMap<>(SalesExample.TOTALS));
            CliRun table = server.run("query", "SELECT region, sum(total) AS total FROM daily_sales GROUP BY region"
                    + " ORDER BY region");
            assertThat(table.out()).containsPattern("REGION +TOTAL").containsPattern("east +1086").endsWith("4 rows\n");

            assertThat(server.run("dataset", "partitions", "daily_sales").out())
                    .containsPattern("2026-11-03 +materialized").contains("partitions\n");
            assertThat(server.run("dataset", "get", "daily_sales").out()).containsPattern("Partitions materialized: +3");
            assertThat(server.run("dataset", "list").out()).containsPattern("daily_sales +yes +sales\\.daily_totals +3");
            assertThat(server.run("dag", "list").out()).containsPattern("sales +\\S+");
            assertThat(server.run("dag", "get", "sales").out()).containsPattern("daily_totals +reactive +sql");
            assertThat(server.run("job", "runs", "sales", "raw_orders").out()).endsWith("3 runs\n");
            assertThat(server.run("dataset", "partitions", "daily_sales", "--status", "fresh").out())
                    .containsPattern("2026-11-01 +materialized +fresh").endsWith("3 partitions\n");
            assertThat(server.run("dataset", "status", "daily_sales", "2026-11-02").out())
                    .containsPattern("Status: +fresh").containsPattern("Causes: +-");
            assertThat(server.run("dataset", "lineage", "daily_sales").out())
                    .containsPattern("1 +sales__raw_orders +daily_sales +sales\\.daily_totals");
            assertThat(server.run("dataset", "lineage", "daily_sales", "--partition", "2026-11-02").out())
                    .contains("of job daily_totals from:").containsPattern("sales__raw_orders +2026-11-02 +\\S+ +yes");

            CliRun invalidate = server.run("dataset", "invalidate", "sales__raw_orders", "--partition", "2026-11-02",
                    "--reason", "correction");
            assertThat(invalidate.exitCode()).as(invalidate.err()).isEqualTo(ExitCodes.OK);
            String invalidation = invalidate.out().split(" ")[1].replace(":", "");
            await().atMost(Duration.ofSeconds(60)).until(() -> server.json("dataset", "invalidation", invalidation)
                    .path("cascade").get(0).path("processed_at").isString());
            assertThat(server.run("dataset", "invalidation", invalidation).out())
                    .containsPattern("0 +sales__raw_orders +2026-11-02 +daily_totals");
            assertThat(server.run("dataset", "invalidations", "sales__raw_orders").out())
                    .contains(invalidation).containsPattern("2026-11-02 +correction +\\d+ +0 ").contains("1 invalidation");
            assertThat(server.json("dataset", "invalidations", "--per-page", "5").path("invalidations").get(0)
                    .path("invalidation_id").asString()).isEqualTo(invalidation);

            Path v2 = Files.writeString(dir.resolve("v2.yaml"), SalesExample.dag().replace("sum(amount)", "max(amount)"));
            JsonNode deployed = server.json("dag", "deploy", v2.toString());
            String v1 = server.json("dag", "list").path("dags").get(0).path("current_version_id").asString();
            CliRun diff = server.run("dag", "diff", "sales", v1, deployed.path("dag_version_id").asString());
            assertThat(diff.out()).containsPattern("raw_orders +unchanged").containsPattern("daily_totals +changed +config")
                    .contains("rebuilt: daily_totals");
            CliRun activate = server.run("dag", "activate", "sales", deployed.path("dag_version_id").asString());
            assertThat(activate.out()).startsWith("sales: version " + deployed.path("dag_version_id").asString());
        }
    }
}
