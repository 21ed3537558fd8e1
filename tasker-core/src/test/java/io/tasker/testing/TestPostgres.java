package io.tasker.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.tasker.db.Migrations;
import io.tasker.db.ServerVersion;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import javax.sql.DataSource;

/**
 * A real PostgreSQL for tests, started from the embedded binaries of one major version. The shared instance (one per
 * test JVM) runs the version named by the system property {@code tasker.test.postgres.version} (Maven runs the
 * whole suite for 18 and again for 17) and holds a migrated database {@code tasker_test}.
 */
public final class TestPostgres implements AutoCloseable {

    public static final String VERSION_PROPERTY = "tasker.test.postgres.version";
    public static final String BINARIES_PROPERTY = "tasker.test.postgres.binaries";
    public static final String DATABASE = "tasker_test";

    private static TestPostgres shared;

    private final EmbeddedPostgres postgres;
    private final int majorVersion;
    private HikariDataSource pool;
    private List<String> taskerTables;

    private TestPostgres(EmbeddedPostgres postgres, int majorVersion) {
        this.postgres = postgres;
        this.majorVersion = majorVersion;
    }

    /** The per-JVM server with a migrated {@value #DATABASE} database; stopped when the JVM exits. */
    public static synchronized TestPostgres shared() {
        if (shared == null) {
            TestPostgres server = start(configuredVersion());
            server.createDatabase(DATABASE);
            Migrations.migrate(server.dataSource(), server.serverVersion());
            shared = server;
        }
        return shared;
    }

    /** The major version the suite runs against (default 18). */
    public static int configuredVersion() {
        return Integer.parseInt(System.getProperty(VERSION_PROPERTY, "18"));
    }

    /** Starts a new, empty server of the given major version (17, 18, or 16 to test the refusal). */
    public static TestPostgres start(int majorVersion) {
        return start(majorVersion, java.util.Map.of());
    }

    /** Starts a new, empty server with extra server settings (e.g. shared_preload_libraries for profiling). */
    public static TestPostgres start(int majorVersion, java.util.Map<String, String> serverConfig) {
        try {
            Path dataDirectory = Files.createTempDirectory("tasker-test-pg" + majorVersion + "-");
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(true)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // Test data need not survive a power cut; these make the suite several times faster.
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("max_connections", "300");
            serverConfig.forEach(builder::setServerConfig);
            binaryResolver(majorVersion).ifPresent(builder::setPgBinaryResolver);
            return new TestPostgres(builder.start(), majorVersion);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start PostgreSQL " + majorVersion + " for tests", e);
        }
    }

    public int majorVersion() {
        return majorVersion;
    }

    public int port() {
        return postgres.getPort();
    }

    /** JDBC URL of the test database (user postgres, trust authentication). */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + DATABASE + "?user=postgres";
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database + "?user=postgres";
    }

    /** A small pool on the {@value #DATABASE} database. */
    public synchronized DataSource dataSource() {
        if (pool == null) {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(jdbcUrl());
            config.setMaximumPoolSize(20);
            config.setMinimumIdle(1);
            config.setConnectionInitSql("SET TIME ZONE 'UTC'");
            config.setPoolName("test-" + majorVersion);
            pool = new HikariDataSource(config);
        }
        return pool;
    }

    /** A separate pool on the test database, e.g. one per engine in multi-engine tests. Close it when done. */
    public HikariDataSource newPool(int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl());
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        config.setConnectionInitSql("SET TIME ZONE 'UTC'");
        return new HikariDataSource(config);
    }

    /** Superuser access to the server's maintenance database. */
    public DataSource adminDataSource() {
        return postgres.getPostgresDatabase();
    }

    public ServerVersion serverVersion() {
        try (Connection c = adminDataSource().getConnection(); Statement s = c.createStatement();
             ResultSet row = s.executeQuery(
                     "SELECT current_setting('server_version_num')::int, current_setting('server_version')")) {
            row.next();
            return new ServerVersion(row.getInt(1), row.getString(2).split(" ")[0]);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public void createDatabase(String name) {
        execute(adminDataSource(), "CREATE DATABASE " + name);
    }

    /**
     * Empties every table of the tasker schema and of the layers' schemas ({@code tasker_*}); Flyway's histories
     * stay, and the default org is made again.
     */
    public synchronized void truncateAll() {
        if (taskerTables == null) {
            taskerTables = new ArrayList<>();
            try (Connection c = dataSource().getConnection(); Statement s = c.createStatement();
                 ResultSet rows = s.executeQuery("SELECT schemaname, tablename FROM pg_tables"
                         + " WHERE (schemaname IN ('tasker', 'tasker_archive') OR schemaname LIKE 'tasker\\_%')"
                         + " AND tablename <> 'flyway_schema_history'"
                         + " ORDER BY schemaname, tablename")) {
                while (rows.next()) {
                    taskerTables.add(rows.getString(1) + "." + rows.getString(2));
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        execute(dataSource(), "TRUNCATE " + String.join(", ", taskerTables) + " CASCADE");
        // The default org is part of the schema (the V2 migration makes it): bring it back.
        execute(dataSource(), "INSERT INTO tasker.orgs (id, name, slug) VALUES ('" + io.tasker.identity.Org.DEFAULT_ID
                + "', 'Default', '" + io.tasker.identity.Org.DEFAULT_SLUG + "')");
    }

    public static void execute(DataSource dataSource, String sql) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (pool != null) {
            pool.close();
        }
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Maven copies the archives of each tested version to {@code target/postgres-binaries/postgres-NN.jar}; without
     * that directory (e.g. a run from an IDE) the 18.x binaries on the class path are used.
     */
    private static java.util.Optional<PgBinaryResolver> binaryResolver(int majorVersion) {
        String directory = System.getProperty(BINARIES_PROPERTY);
        if (directory == null) {
            if (majorVersion != 18) {
                throw new IllegalStateException("PostgreSQL " + majorVersion + " binaries need -D" + BINARIES_PROPERTY);
            }
            return java.util.Optional.empty();
        }
        Path jar = Path.of(directory, "postgres-" + majorVersion + ".jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("no PostgreSQL " + majorVersion + " binaries at " + jar);
        }
        return java.util.Optional.of((system, hardware) -> archive(jar, system, hardware));
    }

    private static InputStream archive(Path jar, String system, String hardware) throws IOException {
        String entryName = "postgres-" + system.toLowerCase(Locale.ROOT) + "-" + hardware + ".txz";
        try (JarFile file = new JarFile(jar.toFile())) {
            ZipEntry entry = file.getEntry(entryName);
            if (entry == null) {
                throw new IOException(jar + " has no " + entryName);
            }
            try (InputStream in = file.getInputStream(entry)) {
                return new ByteArrayInputStream(in.readAllBytes());
            }
        }
    }
}
