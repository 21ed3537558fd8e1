package io.tasker.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server Tasker starts when no database URL is configured. Its data directory persists across
 * restarts; a server orphaned by a killed Tasker process is stopped before a new one starts on the same directory.
 * It runs durable unless the target says otherwise: the embedded library's own defaults ({@code -F} and
 * {@code synchronous_commit=off}) would acknowledge commits that a killed server then loses.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    /** The database Tasker creates inside the embedded server. */
    public static final String DATABASE_NAME = "tasker";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
    private static final Duration ORPHAN_STOP_WAIT = Duration.ofSeconds(30);
    private static final String ZONKY_LOCK_FILE = "epg-lock";

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    public static EmbeddedPostgresServer start(DatabaseTarget.Embedded target) {
        return start(target, target.port());
    }

    /** Starts on {@code port} (0: a free one); a restart passes the port the pool already uses. */
    static EmbeddedPostgresServer start(DatabaseTarget.Embedded target, int port) {
        Path dataDirectory = target.dataDirectory();
        try {
            Files.createDirectories(dataDirectory);
            stopOrphanedServer(dataDirectory);
            // Later -c options override the -F (fsync off) the library always passes.
            String durable = target.unsafeNoDurability() ? "off" : "on";
            if (target.unsafeNoDurability()) {
                log.warn("UNSAFE: the embedded PostgreSQL runs without fsync, synchronous_commit and "
                        + "full_page_writes; a crash can lose tasks that were already acknowledged");
            }
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setPGStartupWait(STARTUP_WAIT)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("fsync", durable)
                    .setServerConfig("synchronous_commit", durable)
                    .setServerConfig("full_page_writes", durable)
                    .start();
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres, dataDirectory);
            server.createTaskerDatabase();
            return server;
        } catch (IllegalStateException e) {
            throw new DatabaseException("the embedded PostgreSQL data directory " + dataDirectory
                    + " is in use by another Tasker process; stop it or set TASKER_DATA_DIR to another directory", e);
        } catch (IOException | UncheckedIOException e) {
            throw new DatabaseException("could not start the embedded PostgreSQL in " + dataDirectory + ": "
                    + rootMessage(e), e);
        }
    }

    public ConnectionUrl url() {
        return new ConnectionUrl("jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + DATABASE_NAME,
                Optional.of("postgres"), Optional.empty());
    }

    public int port() {
        return postgres.getPort();
    }

    /** This server's postmaster, as its {@code postmaster.pid} names it. */
    Optional<ProcessHandle> postmaster() {
        try {
            return postmasterPid(dataDirectory.resolve("postmaster.pid")).flatMap(ProcessHandle::of);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            log.warn("Could not stop the embedded PostgreSQL cleanly: {}", e.getMessage());
        }
    }

    private void createTaskerDatabase() {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, DATABASE_NAME);
            try (ResultSet rows = exists.executeQuery()) {
                if (rows.next()) {
                    return;
                }
            }
            try (Statement create = connection.createStatement()) {
                // DATABASE_NAME is a constant; identifiers cannot be bound as parameters.
                create.execute("CREATE DATABASE " + DATABASE_NAME);
            }
        } catch (SQLException e) {
            throw new DatabaseException("could not create the database '" + DATABASE_NAME
                    + "' in the embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    /**
     * A Tasker process killed with SIGKILL leaves its postmaster running and the directory unusable. If nobody
     * holds the data directory's lock but {@code postmaster.pid} names a live process, that server is an orphan:
     * ask it to shut down (SIGTERM, a "smart" shutdown that finishes open transactions) and wait for it.
     */
    private static void stopOrphanedServer(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(dataDirectory.resolve(ZONKY_LOCK_FILE),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = tryLock(channel)) {
            if (lock == null) {
                return; // a live Tasker process owns it; start() will report that
            }
            Optional<ProcessHandle> postmaster = postmasterProcess(pidFile);
            if (postmaster.isEmpty()) {
                return;
            }
            log.warn("Stopping the PostgreSQL server (pid {}) left running in {} by a Tasker process that ended",
                    postmaster.get().pid(), dataDirectory);
            postmaster.get().destroy();
            waitForExit(postmaster.get());
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            return null; // held by this very JVM: not an orphan
        }
    }

    private static Optional<ProcessHandle> postmasterProcess(Path pidFile) throws IOException {
        return postmasterPid(pidFile).flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
    }

    private static Optional<Long> postmasterPid(Path pidFile) throws IOException {
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        try {
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void waitForExit(ProcessHandle process) {
        try {
            process.onExit().get(ORPHAN_STOP_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new DatabaseException("the PostgreSQL server left running (pid " + process.pid()
                    + ") did not stop within " + ORPHAN_STOP_WAIT.toSeconds() + "s; stop it and start again");
        }
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
