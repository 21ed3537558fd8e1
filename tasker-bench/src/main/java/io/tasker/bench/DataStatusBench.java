package io.tasker.bench;

import io.tasker.Tasker;
import io.tasker.TaskerBuilder;
import io.tasker.data.DataPipelines;
import io.tasker.data.DataSettings;
import io.tasker.data.dataset.Datasets;
import io.tasker.db.Migrations;
import io.tasker.db.ServerVersion;
import io.tasker.identity.Org;
import io.tasker.store.jdbc.Jdbc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * How fast the partition status list with staleness answers for a dataset of N partitions (default 100,000): a
 * daily source dataset and a reactive one downstream, N committed partitions each (written with SQL, as many runs
 * would leave them), every 100th source partition newer than its downstream one (so 1% are stale,
 * {@code upstream_newer}). Times the stale filter, the first page of the full list, and one partition's status.
 * Run with {@code bin/tasker-bench-data-status [partitions]}.
 */
public final class DataStatusBench {

    private static final String COMMIT = """
            INSERT INTO tasker_data.partition_versions (dataset_uuid, dataset_version, partition_key, materialized_at,
                                                        config_hash, schema_hash, location, row_count, bytes)
            SELECT d.id, m.dataset_version, to_char(date '%s' + g, 'YYYY-MM-DD'),
                   timestamptz '2026-01-01' + CASE WHEN ?::boolean AND g %% 100 = 0 THEN interval '2 minutes'
                                                   ELSE ?::int * interval '1 minute' END,
                   j.config_hash, 'schema', d.name || '/p/' || g, 10, 1000
            FROM generate_series(0, ?::int - 1) AS g
            CROSS JOIN tasker_data.datasets d
            JOIN tasker_data.dag_version_datasets m ON m.dataset_uuid = d.id
            JOIN tasker_data.jobs j ON j.dag_version_id = m.dag_version_id AND j.name = d.producer_job_name
            WHERE d.name = ?
            """;

    private DataStatusBench() {
    }

    public static void main(String[] args) throws IOException {
        int partitions = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        LocalDate start = LocalDate.of(1750, 1, 1);
        Path home = Files.createTempDirectory("tasker-bench-status-");
        try (BenchDatabase db = BenchDatabase.start()) {
            DataSource pool = db.pool(BenchDatabase.TASKER, 8, "tasker");
            Migrations.migrate(pool, ServerVersion.of(pool));
            TaskerBuilder builder = Tasker.builder(pool).migrate(false).runWorkers(false).runMaintenance(false);
            DataPipelines data = DataPipelines.install(builder, pool, DataSettings.under(home), Clock.systemUTC());
            try (Tasker tasker = builder.start()) {
                data.bind(tasker);
                data.deploy(Org.DEFAULT_ID, DataBenchDags.dailyThenSql("big", start, start.plusDays(partitions - 1L),
                        "SELECT count(*) AS orders FROM input_0"));
                Jdbc jdbc = new Jdbc(pool);
                jdbc.update(COMMIT.formatted(start), true, 0, partitions, "big_raw");
                jdbc.update(COMMIT.formatted(start), false, 1, partitions, "big_totals");
                jdbc.update("UPDATE tasker_data.dataset_versions SET schema_hash = 'schema'");
                jdbc.update("ANALYZE tasker_data.partition_versions");
                Datasets datasets = data.datasets();
                int[] stale = {0};
                double staleMs = median(() -> {
                    stale[0] = (int) datasets.partitions(Org.DEFAULT_ID, "big_totals", Optional.of("stale"), 1, 100)
                            .totalCount();
                    return null;
                });
                double pageMs = median(() -> datasets.partitions(Org.DEFAULT_ID, "big_totals", Optional.empty(), 1,
                        100));
                double oneMs = median(() -> datasets.partition(Org.DEFAULT_ID, "big_totals",
                        start.plusDays(partitions / 2).toString()));
                System.out.printf("partitions: %d per dataset, %d stale (upstream_newer)%n", partitions, stale[0]);
                System.out.printf("stale list (?status=stale, first page of 100): median %.0f ms%n", staleMs);
                System.out.printf("full list, first page of 100:                median %.0f ms%n", pageMs);
                System.out.printf("one partition's status:                      median %.0f ms%n", oneMs);
            }
        } finally {
            try (var walk = Files.walk(home)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Median wall time of 7 calls after 2 warm-up calls, in milliseconds. */
    private static double median(Supplier<Object> call) {
        for (int i = 0; i < 2; i++) {
            call.get();
        }
        double[] times = new double[7];
        for (int i = 0; i < times.length; i++) {
            long began = System.nanoTime();
            call.get();
            times[i] = (System.nanoTime() - began) / 1e6;
        }
        Arrays.sort(times);
        return times[times.length / 2];
    }
}
