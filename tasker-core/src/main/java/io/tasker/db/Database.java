package io.tasker.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An open connection pool to a supported PostgreSQL, embedded or external. {@link #open} checks that the server
 * can be reached and is new enough before anything else happens, so every start-up problem is one clear line.
 */
public final class Database implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Database.class);
    private static final int CONNECT_TIMEOUT_SECONDS = 10;
    /**
     * How long a caller waits for a pooled connection. Short, so that while the database is down requests fail
     * with 503 in seconds instead of hanging, and shutdown does not wait half a minute per query.
     */
    public static final long CONNECTION_WAIT_MS = 5_000;

    private final HikariDataSource pool;
    private final ConnectionUrl url;
    private final ServerVersion version;
    private final Optional<EmbeddedPostgresSupervisor> embedded;

    private Database(HikariDataSource pool, ConnectionUrl url, ServerVersion version,
                     Optional<EmbeddedPostgresSupervisor> embedded) {
        this.pool = pool;
        this.url = url;
        this.version = version;
        this.embedded = embedded;
    }

    /** Connects (starting the embedded server first if that is the target) and verifies the server version. */
    public static Database open(DatabaseSettings settings) {
        Optional<EmbeddedPostgresSupervisor> embedded = Optional.empty();
        ConnectionUrl url;
        if (settings.target() instanceof DatabaseTarget.Embedded target) {
            embedded = Optional.of(EmbeddedPostgresSupervisor.start(target));
            url = embedded.get().url();
        } else {
            url = ((DatabaseTarget.External) settings.target()).url();
        }
        try {
            ServerVersion version = probe(url);
            version.requireSupported();
            HikariDataSource pool = pool(url, settings.maximumPoolSize());
            Database database = new Database(pool, url, version, embedded);
            database.onEmbeddedEvents(new PoolAfterRestarts(pool));
            log.info("Using {} PostgreSQL {}{}: {}", embedded.isPresent() ? "embedded" : "external", version.text(),
                    settings.target() instanceof DatabaseTarget.Embedded target
                            ? " (data in " + target.dataDirectory() + ")" : "",
                    url.redacted());
            return database;
        } catch (RuntimeException e) {
            embedded.ifPresent(EmbeddedPostgresSupervisor::close);
            throw e;
        }
    }

    /** Applies pending migrations (see {@link Migrations}). */
    public Migrations.Result migrate() {
        return Migrations.migrate(pool, version);
    }

    public DataSource dataSource() {
        return pool;
    }

    public ConnectionUrl url() {
        return url;
    }

    public ServerVersion serverVersion() {
        return version;
    }

    public boolean isEmbedded() {
        return embedded.isPresent();
    }

    /** The embedded server's state and restarts; empty for an external database. */
    public Optional<EmbeddedStatus> embeddedStatus() {
        return embedded.map(EmbeddedPostgresSupervisor::status);
    }

    /** Listens for restarts of the embedded server and for it being given up (nothing happens for an external one). */
    public void onEmbeddedEvents(EmbeddedPostgresSupervisor.Listener listener) {
        embedded.ifPresent(supervisor -> supervisor.addListener(listener));
    }

    @Override
    public void close() {
        embedded.ifPresent(EmbeddedPostgresSupervisor::stopWatching); // stopping is not a crash to recover from
        pool.close();
        embedded.ifPresent(EmbeddedPostgresSupervisor::close);
    }

    /** After a restart the pool's connections all point at the dead server: evict them rather than try each. */
    private record PoolAfterRestarts(HikariDataSource pool) implements EmbeddedPostgresSupervisor.Listener {
        @Override
        public void restarted(EmbeddedStatus status) {
            pool.getHikariPoolMXBean().softEvictConnections();
        }
    }

    private static ServerVersion probe(ConnectionUrl url) {
        try (Connection connection = DriverManager.getConnection(url.jdbcUrl(), connectionProperties(url));
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(
                     "SELECT current_setting('server_version_num')::int, current_setting('server_version')")) {
            row.next();
            return new ServerVersion(row.getInt(1), row.getString(2).split(" ")[0]);
        } catch (SQLException e) {
            throw ConnectionFailures.describe(e, url);
        }
    }

    private static Properties connectionProperties(ConnectionUrl url) {
        Properties properties = new Properties();
        url.user().ifPresent(user -> properties.setProperty("user", user));
        url.password().ifPresent(password -> properties.setProperty("password", password));
        properties.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
        properties.setProperty("ApplicationName", "tasker");
        return properties;
    }

    private static HikariDataSource pool(ConnectionUrl url, int maximumPoolSize) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("tasker");
        config.setJdbcUrl(url.jdbcUrl());
        config.setDataSourceProperties(connectionProperties(url));
        config.setMaximumPoolSize(maximumPoolSize);
        config.setMinimumIdle(Math.min(2, maximumPoolSize));
        // Timestamps are stored as UTC `timestamp` values; make now() and casts agree whatever the JVM's zone.
        config.setConnectionInitSql("SET TIME ZONE 'UTC'");
        config.setConnectionTimeout(CONNECTION_WAIT_MS);
        return new HikariDataSource(config);
    }
}
