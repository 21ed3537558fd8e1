package io.tasker.cli;

import io.tasker.cli.client.TaskerClient;
import io.tasker.examples.data.SalesExample;
import io.tasker.json.Json;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The data pipeline part of {@code tasker demo}: deploys the {@code sales} DAG, backfills its three sample days,
 * waits for the reactive totals, and queries them, all through the REST API.
 */
final class DataDemo {

    private static final Duration DEADLINE = Duration.ofMinutes(2);

    private DataDemo() {
    }

    /** Runs the tour; true when the queried totals are those of the sample orders. */
    static boolean tour(TaskerClient http, String base, Path inputRoot, PrintWriter out) throws InterruptedException {
        SalesExample.copyOrders(inputRoot);
        out.printf("%nData pipelines: the sales DAG (orders CSV -> daily totals by region, DuckDB SQL)%n");
        JsonNode deployed = http.send("POST", "/v1/dags", "application/yaml", SalesExample.dag()).body();
        out.printf("  deployed sales version %s (POST %s/v1/dags)%n", deployed.path("dag_version_id").asString(),
                base);
        ObjectNode backfill = Json.object();
        backfill.putObject("partitions").put("from", SalesExample.DAYS.get(0))
                .put("to", SalesExample.DAYS.get(SalesExample.DAYS.size() - 1));
        backfill.put("mode", "all");
        JsonNode runs = http.post("/v1/dags/sales/jobs/raw_orders/runs", backfill);
        out.printf("  backfilled raw_orders for %d days; daily_totals follows each day reactively%n",
                runs.path("runs").size());
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        int done = 0;
        while (done < SalesExample.DAYS.size() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            done = http.get("/v1/dags/sales/jobs/daily_totals/runs?status=succeeded").path("pagination")
                    .path("total_count").asInt();
        }
        String sql = "SELECT region, sum(total) AS total FROM daily_sales GROUP BY region ORDER BY region";
        JsonNode result = http.post("/v1/query", Json.object().put("sql", sql));
        out.printf("  %s%n", sql);
        Map<String, Long> totals = new TreeMap<>();
        for (JsonNode row : result.path("rows")) {
            totals.put(row.get(0).asString(), row.get(1).asLong());
            out.printf("    %-6s %6d%n", row.get(0).asString(), row.get(1).asLong());
        }
        boolean asExpected = totals.equals(new TreeMap<>(SalesExample.TOTALS));
        out.println(asExpected ? "  The totals are those of the sample orders."
                : "  The totals are not those of the sample orders (" + done + " of 3 days done).");
        out.printf("  Try: bin/tasker dataset partitions daily_sales --url %s%n", base);
        out.printf("       bin/tasker query \"SELECT * FROM daily_sales\" --url %s%n", base);
        return asExpected;
    }
}
