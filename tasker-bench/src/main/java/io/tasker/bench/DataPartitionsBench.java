package io.tasker.bench;

import io.tasker.Tasker;
import io.tasker.TaskerBuilder;
import io.tasker.data.DataPipelines;
import io.tasker.data.DataSettings;
import io.tasker.data.run.RunRequest;
import io.tasker.db.Migrations;
import io.tasker.db.ServerVersion;
import io.tasker.identity.Org;
import io.tasker.store.jdbc.Jdbc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * How long the data layer takes to materialise many small partitions: a backfill of N days of a source job that
 * reads a 10-row CSV per day, each day followed reactively by a DuckDB SQL job (2N runs, each a workflow task).
 * Run with {@code bin/tasker-bench-data [partitions]} (default 1000) on a durable embedded PostgreSQL 18.
 */
public final class DataPartitionsBench {

    private DataPartitionsBench() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int partitions = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        LocalDate start = LocalDate.of(2020, 1, 1);
        LocalDate end = start.plusDays(partitions - 1L);
        Path home = Files.createTempDirectory("tasker-bench-data-");
        for (LocalDate day = start; !day.isAfter(end); day = day.plusDays(1)) {
            StringBuilder csv = new StringBuilder("order_id,region,amount\n");
            for (int i = 1; i <= 10; i++) {
                csv.append(i).append(i % 2 == 0 ? ",east," : ",west,").append(i).append('\n');
            }
            Files.createDirectories(home.resolve("input/days"));
            Files.writeString(home.resolve("input/days/" + day + ".csv"), csv);
        }
        try (BenchDatabase db = BenchDatabase.start()) {
            DataSource pool = db.pool(BenchDatabase.TASKER, 20, "tasker");
            Migrations.migrate(pool, ServerVersion.of(pool));
            TaskerBuilder builder = Tasker.builder(pool).migrate(false);
            DataPipelines data = DataPipelines.install(builder, pool, DataSettings.under(home), Clock.systemUTC());
            try (Tasker tasker = builder.start()) {
                data.bind(tasker);
                data.deploy(Org.DEFAULT_ID, DataBenchDags.dailyThenSql("bench", start, end,
                        "SELECT region, count(*) AS orders, sum(amount) AS amount FROM input_0 GROUP BY region"));
                Jdbc jdbc = new Jdbc(pool);
                long began = System.nanoTime();
                data.runs().start(data.dags().currentJob(Org.DEFAULT_ID, "bench", "raw"), new RunRequest(List.of(),
                        Optional.of(start.toString()), Optional.of(end.toString()), "all", 1000), Optional.empty());
                double rawSeconds = -1;
                while (true) {
                    int raw = count(jdbc, "raw");
                    int totals = count(jdbc, "totals");
                    if (rawSeconds < 0 && raw == partitions) {
                        rawSeconds = (System.nanoTime() - began) / 1e9;
                    }
                    if (totals == partitions) {
                        break;
                    }
                    Thread.sleep(100);
                }
                double seconds = (System.nanoTime() - began) / 1e9;
                long rows = jdbc.queryOne("SELECT sum(row_count) FROM tasker_data.partition_versions",
                        row -> row.getLong(1)).orElse(0L);
                System.out.printf("partitions: %d days, 2 jobs (%d runs), %d rows in all partitions%n", partitions,
                        2 * partitions, rows);
                System.out.printf("raw (file, CSV -> Parquet) materialised: %.1f s%n", rawSeconds);
                System.out.printf("totals (reactive SQL) materialised:      %.1f s (%.1f partitions/s, %.1f runs/s)%n",
                        seconds, partitions / seconds, 2 * partitions / seconds);
            }
        } finally {
            deleteQuietly(home);
        }
    }

    private static int count(Jdbc jdbc, String job) {
        return jdbc.queryOne("SELECT count(*) FROM tasker_data.tasks t JOIN tasker_data.jobs j ON j.id = t.job_id"
                + " WHERE j.name = ? AND t.status = 'succeeded'", row -> row.getInt(1), job).orElse(0);
    }

    private static void deleteQuietly(Path home) {
        try (var walk = Files.walk(home)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory
        }
    }
}
