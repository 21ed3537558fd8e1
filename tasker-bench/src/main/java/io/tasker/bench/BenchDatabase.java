package io.tasker.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.tasker.store.jdbc.DataAccessException;
import io.tasker.store.jdbc.Jdbc;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The benchmark's own PostgreSQL 18 (the embedded binaries Tasker ships), in a fresh temporary data directory. Tasker
 * and each peer get a database of their own on this one server. The server runs durable (fsync, synchronous_commit,
 * full_page_writes all on; the embedded server's own defaults turn the first two off, so they are set explicitly
 * here), so every system pays for a real commit; only memory and
 * connection limits are raised, the same for everyone.
 */
final class BenchDatabase implements AutoCloseable {

    static final String TASKER = "tasker_bench";
    static final String DB_SCHEDULER = "db_scheduler_bench";
    static final String JOBRUNR = "jobrunr_bench";

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private final List<HikariDataSource> pools = new ArrayList<>();

    private BenchDatabase(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    static BenchDatabase start() {
        try {
            Path dataDirectory = Files.createTempDirectory("tasker-bench-pg-");
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(true)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("shared_buffers", "1GB")
                    .setServerConfig("work_mem", "16MB")
                    .setServerConfig("maintenance_work_mem", "512MB")
                    .setServerConfig("max_wal_size", "8GB")
                    .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                    .setServerConfig("pg_stat_statements.track", "all")
                    .start();
            BenchDatabase database = new BenchDatabase(postgres, dataDirectory);
            for (String name : List.of(TASKER, DB_SCHEDULER, JOBRUNR)) {
                database.execute(postgres.getPostgresDatabase(), "CREATE DATABASE " + name);
            }
            database.execute(database.unpooled(TASKER), "CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            return database;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the benchmark's PostgreSQL", e);
        }
    }

    /** A connection pool of {@code size} on {@code database}; closed with the server. */
    HikariDataSource pool(String database, int size, String name) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl(database));
        config.setUsername("postgres");
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(size);
        config.setPoolName(name);
        config.setConnectionInitSql("SET TIME ZONE 'UTC'");
        HikariDataSource pool = new HikariDataSource(config);
        synchronized (pools) {
            pools.add(pool);
        }
        return pool;
    }

    DataSource unpooled(String database) {
        return postgres.getDatabase("postgres", database);
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + database;
    }

    String serverVersion() {
        return queryString(unpooled(TASKER), "SHOW server_version");
    }

    /** The settings that decide what a commit costs, as the server reports them. */
    String durability() {
        return queryString(unpooled(TASKER), "SELECT string_agg(name || '=' || setting, ', ' ORDER BY name)"
                + " FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes')");
    }

    long databaseBytes(String database) {
        return queryLong(unpooled(TASKER), "SELECT pg_database_size(?)", database);
    }

    static void execute(DataSource dataSource, String sql) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    static long queryLong(DataSource dataSource, String sql, Object... parameters) {
        return new Jdbc(dataSource).queryOne(sql, row -> row.getLong(1), parameters).orElseThrow();
    }

    static String queryString(DataSource dataSource, String sql, Object... parameters) {
        return new Jdbc(dataSource).queryOne(sql, row -> row.getString(1), parameters).orElseThrow();
    }

    /** The statements that took the most time in {@code database} since the last reset, for the profile notes. */
    List<String> topStatements(String database, int limit) {
        String sql = "SELECT round(total_exec_time)::bigint, calls, round(mean_exec_time::numeric, 3),"
                + " left(regexp_replace(query, '\\s+', ' ', 'g'), 140)"
                + " FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid"
                + " WHERE d.datname = ? ORDER BY total_exec_time DESC LIMIT ?";
        try {
            return new Jdbc(unpooled(TASKER)).query(sql, rows -> rows.getLong(1) + " ms total, " + rows.getLong(2)
                    + " calls, " + rows.getBigDecimal(3) + " ms mean: " + rows.getString(4), database, limit);
        } catch (DataAccessException e) {
            return List.of("pg_stat_statements unavailable: " + e.getMessage());
        }
    }

    void resetStatements() {
        execute(unpooled(TASKER), "SELECT pg_stat_statements_reset()");
    }

    @Override
    public void close() {
        synchronized (pools) {
            pools.forEach(HikariDataSource::close);
        }
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        deleteQuietly(dataDirectory);
    }

    private static void deleteQuietly(Path directory) {
        try (var paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary directory; the OS cleans it eventually
        }
    }
}
