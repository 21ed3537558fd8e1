package io.tasker.examples.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * The {@code sales} data pipeline: {@code raw_orders} reads a day's CSV of orders into a daily partition, and
 * {@code daily_totals} (DuckDB SQL) sums them by region as each day materialises; {@code daily_sales} publishes
 * the totals. Three days of sample orders come with it (copy them under the server's input root).
 */
public final class SalesExample {

    public static final String DAG_FILE = "sales.yaml";
    public static final List<String> DAYS = List.of("2026-11-01", "2026-11-02", "2026-11-03");
    /** The sum of the three sample days by region. */
    public static final Map<String, Long> TOTALS = Map.of("east", 1086L, "north", 1308L, "south", 1038L,
            "west", 895L);

    private static final String BASE = "/io/tasker/examples/data/sales/";

    private SalesExample() {
    }

    /** The DAG file (YAML). */
    public static String dag() {
        return read(BASE + DAG_FILE);
    }

    /** Copies the sample orders to {@code <inputRoot>/orders/<day>.csv}; returns the files. */
    public static List<Path> copyOrders(Path inputRoot) {
        try {
            Path orders = Files.createDirectories(inputRoot.resolve("orders"));
            for (String day : DAYS) {
                try (InputStream in = SalesExample.class.getResourceAsStream(BASE + "orders/" + day + ".csv")) {
                    Files.copy(in, orders.resolve(day + ".csv"), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return DAYS.stream().map(day -> orders.resolve(day + ".csv")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(String resource) {
        try (InputStream in = SalesExample.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
