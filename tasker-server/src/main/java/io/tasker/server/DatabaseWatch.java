package io.tasker.server;

import io.javalin.http.Context;
import io.tasker.db.Database;
import io.tasker.db.DatabaseException;
import io.tasker.db.EmbeddedPostgresSupervisor;
import io.tasker.db.EmbeddedStatus;
import io.tasker.server.api.ApiException;
import io.tasker.server.metrics.ServerMetrics;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What the server knows about its database without waiting for it: the embedded server's state (running,
 * restarting, failed) from its supervisor, and for any database whether a {@code SELECT 1} every two seconds
 * answered. Health endpoints read it and answer at once; while the embedded server is down, API requests get 503 at
 * once instead of waiting for a connection. When the supervisor gives up, {@link #failure()} completes: the process
 * should exit.
 */
public final class DatabaseWatch implements AutoCloseable {

    /** The database as the health endpoints and the metrics report it. */
    public enum Reachability {
        /** Answering. */
        UP,
        /** The embedded server stopped and is being started again. */
        RESTARTING,
        /** The embedded server stopped and could not be started again; the process is about to exit. */
        FAILED,
        /** A database that did not answer the last probe. */
        UNREACHABLE;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    static final Duration PROBE_INTERVAL = Duration.ofSeconds(2);
    /** What a client is told to wait before trying again while the embedded server restarts. */
    static final int RETRY_AFTER_SECONDS = 2;

    private final Optional<Database> database;
    private final ScheduledExecutorService timer;
    private final CompletableFuture<DatabaseException> failure = new CompletableFuture<>();
    private volatile boolean answered = true;

    /** @param ping asks the database to answer; throws when it cannot be reached */
    DatabaseWatch(Optional<Database> database, Runnable ping, ServerMetrics metrics) {
        this.database = database;
        this.timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("tasker-database-probe").factory());
        timer.scheduleWithFixedDelay(() -> answered = answers(ping), PROBE_INTERVAL.toMillis(),
                PROBE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        metrics.watchDatabase(() -> reachability() == Reachability.UP);
        database.ifPresent(db -> db.onEmbeddedEvents(new EmbeddedPostgresSupervisor.Listener() {
            @Override
            public void restarted(EmbeddedStatus status) {
                metrics.databaseRestarted();
            }

            @Override
            public void gaveUp(DatabaseException reason) {
                failure.complete(reason);
            }
        }));
    }

    public Reachability reachability() {
        Optional<EmbeddedStatus> status = embedded();
        if (status.isPresent() && status.get().state() == EmbeddedStatus.State.RESTARTING) {
            return Reachability.RESTARTING;
        }
        if (status.isPresent() && status.get().state() == EmbeddedStatus.State.FAILED) {
            return Reachability.FAILED;
        }
        return answered ? Reachability.UP : Reachability.UNREACHABLE;
    }

    /** True while the embedded server is known to be down (restarting, or given up). */
    public boolean embeddedDown() {
        Reachability reachability = reachability();
        return reachability == Reachability.RESTARTING || reachability == Reachability.FAILED;
    }

    /** The embedded server's state and restarts; empty for an external database. */
    public Optional<EmbeddedStatus> embedded() {
        return database.flatMap(Database::embeddedStatus);
    }

    /** Completes when the embedded server stopped for good. */
    public CompletableFuture<DatabaseException> failure() {
        return failure.copy();
    }

    /** 503 at once while the embedded server is known to be down (an external one gets the pool's short wait). */
    public void refuseWhileDown(Context ctx) {
        Reachability reachability = reachability();
        if (embeddedDown()) {
            ctx.header("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
            throw new ApiException(503, "service_unavailable", "the embedded database is " + reachability.code()
                    + "; try again shortly");
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    private static boolean answers(Runnable ping) {
        try {
            ping.run();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
