package io.tasker.data;

import java.util.Map;
import java.util.TreeMap;

/** The sales example's DAG (with a manual source) and three days of orders whose totals are known. */
public final class SalesFixture {

    public static final String DAG = """
            name: sales
            defaults: {max_attempts: 3, timeout_seconds: 300, heartbeat_timeout_seconds: 60}
            jobs:
              - name: raw_orders
                activation: source
                source: {kind: manual}
                operator: file
                config: {path: "orders/{partition}.csv", format: csv}
                partitions: {kind: daily, start: "2026-11-01"}
                outputs: 1
              - name: daily_totals
                activation: reactive
                operator: sql
                inputs: [{from: {job: raw_orders, output: 0}}]
                config: {query: "SELECT region, sum(amount) AS total FROM input_0 GROUP BY region"}
                execution_strategy: PerPartition
                update_strategy: replace
                outputs: 1
            publish:
              daily_sales: {from: {job: daily_totals, output: 0}}
            """;

    private SalesFixture() {
    }

    /**
     * The YAML of a job {@code raw} that reads {@code orders/<partition>.csv} when started by hand, as the first job
     * of a test's DAG file: {@code "name: shop\njobs:\n" + rawJob("{kind: static, keys: [d1]}") + ...}.
     */
    public static String rawJob(String partitions) {
        return """
                  - name: raw
                    activation: source
                    source: {kind: manual}
                    operator: file
                    config: {path: "orders/{partition}.csv", format: csv}
                    partitions: %s
                """.formatted(partitions);
    }

    /** Orders of one day: {@code n} rows spread over four regions, amounts 1..n. */
    public static String orders(int n) {
        StringBuilder csv = new StringBuilder("order_id,region,amount\n");
        String[] regions = {"east", "north", "south", "west"};
        for (int i = 1; i <= n; i++) {
            csv.append(i).append(',').append(regions[i % 4]).append(',').append(i).append('\n');
        }
        return csv.toString();
    }

    /** The total per region of {@link #orders(int)}. */
    public static Map<String, Long> totals(int n) {
        Map<String, Long> totals = new TreeMap<>();
        String[] regions = {"east", "north", "south", "west"};
        for (int i = 1; i <= n; i++) {
            totals.merge(regions[i % 4], (long) i, Long::sum);
        }
        return totals;
    }

    public static void writeDays(DataEngine engine, int... rowsPerDay) {
        for (int d = 0; d < rowsPerDay.length; d++) {
            engine.input("orders/2026-11-0" + (d + 1) + ".csv", orders(rowsPerDay[d]));
        }
    }
}
