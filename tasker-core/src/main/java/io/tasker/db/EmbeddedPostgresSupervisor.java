package io.tasker.db;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the embedded PostgreSQL running for as long as the Tasker process runs. A watcher notices within a quarter
 * of a second when the postmaster exits (killed, crashed, stopped by the OOM killer); it kills the server processes
 * the postmaster left behind and starts the server again on the same data directory and port. PostgreSQL's crash
 * recovery replays its write-ahead log, so every commit it acknowledged is back, and the connection pool reconnects
 * by itself. When the server cannot be started again, or keeps stopping, the supervisor gives up and tells its
 * listeners, so that the process can exit with a clear message for its own supervisor to act on.
 */
public final class EmbeddedPostgresSupervisor implements AutoCloseable {

    /** Told when the server is back after a stop, and when it was given up. Called on the watcher thread. */
    public interface Listener {
        default void restarted(EmbeddedStatus status) {
        }

        default void gaveUp(DatabaseException reason) {
        }
    }

    /** How often the postmaster is looked at. */
    public static final Duration WATCH_INTERVAL = Duration.ofMillis(250);
    /** Starts tried after one stop before giving up. */
    public static final int START_ATTEMPTS = 3;
    /** More stops than this within {@link #RESTART_WINDOW} is a crash loop: give up. */
    public static final int MAX_RESTARTS = 5;
    public static final Duration RESTART_WINDOW = Duration.ofMinutes(10);

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresSupervisor.class);
    private static final Duration LEFTOVER_EXIT_WAIT = Duration.ofSeconds(10);

    private final DatabaseTarget.Embedded target;
    private final int port;
    private final Clock clock = Clock.systemUTC();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final Deque<Instant> recentRestarts = new ArrayDeque<>();
    private final Thread watcher;
    private volatile EmbeddedPostgresServer server;
    private volatile EmbeddedStatus status = EmbeddedStatus.STARTED;
    private volatile boolean closed;

    private EmbeddedPostgresSupervisor(DatabaseTarget.Embedded target, EmbeddedPostgresServer server) {
        this.target = target;
        this.server = server;
        this.port = server.port();
        this.watcher = Thread.ofPlatform().daemon().name("tasker-embedded-postgres").start(this::watch);
    }

    /** Starts the embedded server and begins watching it. */
    static EmbeddedPostgresSupervisor start(DatabaseTarget.Embedded target) {
        return new EmbeddedPostgresSupervisor(target, EmbeddedPostgresServer.start(target));
    }

    /** The URL stays the same across restarts: the server comes back on the same port. */
    public ConnectionUrl url() {
        return server.url();
    }

    public EmbeddedStatus status() {
        return status;
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    /** Stops watching: from now on a stopped server stays stopped. */
    public void stopWatching() {
        closed = true;
        watcher.interrupt();
        try {
            watcher.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stopWatching();
        server.close();
    }

    private void watch() {
        Optional<ProcessHandle> postmaster = server.postmaster();
        List<ProcessHandle> children = List.of();
        if (postmaster.isEmpty()) {
            log.warn("Cannot find the embedded PostgreSQL's postmaster process; it will not be restarted if it stops");
            return;
        }
        while (!closed) {
            try {
                Thread.sleep(WATCH_INTERVAL);
            } catch (InterruptedException e) {
                return;
            }
            if (isRunning(postmaster.get())) {
                // Remembered so that the ones a killed postmaster leaves behind can be stopped before a restart.
                children = postmaster.get().children().toList();
                continue;
            }
            if (closed || !recover(postmaster.get(), children)) {
                return;
            }
            postmaster = server.postmaster();
            children = List.of();
            if (postmaster.isEmpty()) {
                return;
            }
        }
    }

    /** Restarts the stopped server; false when it gave up. */
    private boolean recover(ProcessHandle postmaster, List<ProcessHandle> children) {
        long started = System.nanoTime();
        String problem = "the embedded PostgreSQL (pid " + postmaster.pid() + ", data in " + target.dataDirectory()
                + ") stopped unexpectedly";
        log.error("{}; restarting it", problem);
        status = status.restarting(problem);
        Instant now = clock.instant();
        while (!recentRestarts.isEmpty() && recentRestarts.peekFirst().isBefore(now.minus(RESTART_WINDOW))) {
            recentRestarts.removeFirst();
        }
        if (recentRestarts.size() >= MAX_RESTARTS) {
            return giveUp(problem + " " + (recentRestarts.size() + 1) + " times within "
                    + RESTART_WINDOW.toMinutes() + " minutes");
        }
        stopLeftovers(children);
        server.close(); // releases the data directory's lock; there is nothing left to stop
        if (!Files.exists(target.dataDirectory().resolve("PG_VERSION"))) {
            // Starting anyway would create a new, empty database over the lost one.
            return giveUp(problem + " and its data directory no longer holds a database");
        }
        DatabaseException last = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS && !closed; attempt++) {
            try {
                server = EmbeddedPostgresServer.start(target, port);
                if (closed) {
                    server.close();
                    return false;
                }
                recentRestarts.addLast(clock.instant());
                status = status.restarted(clock.instant());
                log.warn("Restarted the embedded PostgreSQL in {} ms (restart {}); its crash recovery kept every "
                        + "acknowledged commit", (System.nanoTime() - started) / 1_000_000, status.restarts());
                listeners.forEach(listener -> listener.restarted(status));
                return true;
            } catch (DatabaseException e) {
                last = e;
                log.warn("Starting the embedded PostgreSQL again failed (attempt {} of {}): {}", attempt,
                        START_ATTEMPTS, e.getMessage());
                sleepQuietly(Duration.ofSeconds(attempt));
            }
        }
        return closed || giveUp(problem + " and could not be started again: "
                + (last == null ? "stopped" : last.getMessage()));
    }

    private boolean giveUp(String reason) {
        status = status.failed(reason);
        DatabaseException failure = new DatabaseException(reason);
        log.error("Giving up on the embedded PostgreSQL: {}", reason);
        listeners.forEach(listener -> listener.gaveUp(failure));
        return false;
    }

    /** Server processes of a killed postmaster hold its shared memory, which a new postmaster refuses to reuse. */
    private static void stopLeftovers(List<ProcessHandle> children) {
        List<ProcessHandle> alive = children.stream().filter(ProcessHandle::isAlive).toList();
        alive.forEach(ProcessHandle::destroyForcibly);
        long deadline = System.nanoTime() + LEFTOVER_EXIT_WAIT.toNanos();
        for (ProcessHandle process : alive) {
            try {
                process.onExit().get(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                log.warn("PostgreSQL process {} did not exit within {}s", process.pid(), LEFTOVER_EXIT_WAIT.toSeconds());
            }
        }
    }

    /**
     * Alive and not a zombie: a killed postmaster's parent is init, which may take a second to reap it, and until
     * then {@link ProcessHandle#isAlive()} still says true. On Linux {@code /proc} tells the two apart.
     */
    static boolean isRunning(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            int afterName = stat.lastIndexOf(')');
            return afterName < 0 || afterName + 2 >= stat.length() || stat.charAt(afterName + 2) != 'Z';
        } catch (java.io.IOException | RuntimeException e) {
            return process.isAlive(); // no /proc (not Linux), or the process is gone
        }
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
