package io.tasker;

import io.tasker.engine.DynamicLimits;
import io.tasker.engine.EngineEvents;
import io.tasker.engine.HandlerRegistry;
import io.tasker.engine.TaskRequestValidator;
import io.tasker.handler.StepHandler;
import io.tasker.scheduler.Retention;
import io.tasker.scheduler.StalenessDetector;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Builds a {@link Tasker}; every setting has a default ({@code DEFAULT_*}). */
public final class TaskerBuilder {
    final DataSource dataSource;
    HandlerRegistry handlers = new HandlerRegistry();
    final List<String> templateTexts = new ArrayList<>();
    final List<Path> templateDirectories = new ArrayList<>();
    List<String> namespaces = List.of();
    int concurrency = Tasker.DEFAULT_CONCURRENCY;
    int claimBatch = Tasker.DEFAULT_CLAIM_BATCH;
    Duration pollInterval = Tasker.DEFAULT_POLL_INTERVAL;
    Duration lease = Tasker.DEFAULT_LEASE;
    Duration maintenanceInterval = Tasker.DEFAULT_MAINTENANCE_INTERVAL;
    Duration shutdownGrace = Tasker.DEFAULT_SHUTDOWN_GRACE;
    int resultBatch = Tasker.DEFAULT_RESULT_BATCH;
    int resultFlushers = Tasker.DEFAULT_RESULT_FLUSHERS;
    int maxContextBytes = TaskRequestValidator.DEFAULT_MAX_CONTEXT_BYTES;
    int maxResultBytes = Tasker.DEFAULT_MAX_RESULT_BYTES;
    int checkpointHistory = Tasker.DEFAULT_CHECKPOINT_HISTORY;
    DynamicLimits dynamicLimits = DynamicLimits.DEFAULTS;
    StalenessDetector.Settings staleness = StalenessDetector.Settings.DEFAULTS;
    Retention.Settings retention = Retention.Settings.DEFAULTS;
    List<io.tasker.event.EventSubscriber> eventSubscribers = List.of();

    /** Stale tasks handled by one {@link Tasker#detectStaleTasks} call at most. */
    static final int MAX_STALE_PER_CALL = 1000;
    String environment = Tasker.DEFAULT_ENVIRONMENT;
    Clock clock = Clock.systemUTC();
    EngineEvents events = EngineEvents.NONE;
    Optional<String> workerId = Optional.empty();
    boolean runWorkers = true;
    boolean runMaintenance = true;
    boolean migrate = true;

    TaskerBuilder(DataSource dataSource) {
        this.dataSource = java.util.Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * Loads handler classes named in templates from this class loader (e.g. one over a directory of jars).
     * Call it before {@link #handler}: it starts a fresh registry.
     */
    public TaskerBuilder handlerClassLoader(ClassLoader classLoader) {
        this.handlers = new HandlerRegistry(classLoader);
        return this;
    }

    /** Registers {@code handler}; templates refer to it as {@code handler.callable: name}. */
    public TaskerBuilder handler(String name, StepHandler handler) {
        handlers.register(name, handler);
        return this;
    }

    /** Registers every template file of a directory on start. */
    public TaskerBuilder templates(Path directory) {
        templateDirectories.add(directory);
        return this;
    }

    /** Registers a template given as YAML (or JSON) on start. */
    public TaskerBuilder template(String yaml) {
        templateTexts.add(yaml);
        return this;
    }

    /** Namespaces this engine's worker serves (default: all). */
    public TaskerBuilder namespaces(List<String> value) {
        this.namespaces = List.copyOf(value);
        return this;
    }

    /** Handlers running at once in this engine (default {@value Tasker#DEFAULT_CONCURRENCY}). */
    public TaskerBuilder concurrency(int value) {
        this.concurrency = positive("concurrency", value, 10_000);
        return this;
    }

    /** Steps claimed per claim statement (default {@value Tasker#DEFAULT_CLAIM_BATCH}). */
    public TaskerBuilder claimBatch(int value) {
        this.claimBatch = positive("claimBatch", value, 1000);
        return this;
    }

    /** Fallback poll when no notification arrives (default 1 s). */
    public TaskerBuilder pollInterval(Duration value) {
        this.pollInterval = duration("pollInterval", value);
        return this;
    }

    /** How long a claim lives without a heartbeat (default 30 s); renewed every third of it. */
    public TaskerBuilder leaseDuration(Duration value) {
        this.lease = duration("leaseDuration", value);
        return this;
    }

    /** Longest sleep of the maintenance loop (default 1 s). */
    public TaskerBuilder maintenanceInterval(Duration value) {
        this.maintenanceInterval = duration("maintenanceInterval", value);
        return this;
    }

    /** How long {@link #close()} lets running handlers finish (default 30 s). */
    public TaskerBuilder shutdownGrace(Duration value) {
        this.shutdownGrace = value;
        return this;
    }

    /** Results committed per transaction at most (default {@value Tasker#DEFAULT_RESULT_BATCH}). */
    public TaskerBuilder resultBatch(int value) {
        this.resultBatch = positive("resultBatch", value, 10_000);
        return this;
    }

    /** Threads committing results (default {@value Tasker#DEFAULT_RESULT_FLUSHERS}). */
    public TaskerBuilder resultFlushers(int value) {
        this.resultFlushers = positive("resultFlushers", value, 64);
        return this;
    }

    /** Largest task context accepted, in bytes of JSON (default 1 MiB). */
    public TaskerBuilder maxContextBytes(int value) {
        this.maxContextBytes = positive("maxContextBytes", value, Integer.MAX_VALUE);
        return this;
    }

    /** Largest step result accepted, in bytes of JSON (default 1 MiB); larger results fail the step. */
    public TaskerBuilder maxResultBytes(int value) {
        this.maxResultBytes = positive("maxResultBytes", value, Integer.MAX_VALUE);
        return this;
    }

    /** Checkpoints kept in a step's history (default {@value Tasker#DEFAULT_CHECKPOINT_HISTORY}). */
    public TaskerBuilder checkpointHistory(int value) {
        this.checkpointHistory = positive("checkpointHistory", value, 10_000);
        return this;
    }

    /**
     * Bounds on decision and batchable steps: steps per decision (default 100), decision nesting depth (20), batch
     * workers per batchable step (1000). An outcome beyond them fails its step permanently.
     */
    public TaskerBuilder dynamicLimits(DynamicLimits value) {
        this.dynamicLimits = java.util.Objects.requireNonNull(value, "dynamicLimits");
        return this;
    }

    /**
     * Staleness detection by the scheduler: on (every minute), acting on up to 100 stale tasks per round; with
     * {@code dryRun} it only logs what it would do.
     */
    public TaskerBuilder staleness(StalenessDetector.Settings value) {
        this.staleness = java.util.Objects.requireNonNull(value, "staleness");
        return this;
    }

    /**
     * Retention of finished tasks: on, 30 days, deleted (not archived), 500 per transaction, every 5 minutes.
     */
    public TaskerBuilder retention(Retention.Settings value) {
        this.retention = java.util.Objects.requireNonNull(value, "retention");
        return this;
    }

    /**
     * Who receives the domain events steps publish ({@code publishes_events}); none by default, and then none are
     * written. Deliveries go out from the server's scheduler (at least once, signed, with retries).
     */
    public TaskerBuilder eventSubscribers(List<io.tasker.event.EventSubscriber> value) {
        this.eventSubscribers = List.copyOf(value);
        return this;
    }

    /** Environment whose template {@code environments} overrides apply (default "development"). */
    public TaskerBuilder environment(String value) {
        this.environment = java.util.Objects.requireNonNull(value, "environment");
        return this;
    }

    /** The clock used for every timestamp, retry and lease (tests move a clock instead of sleeping). */
    public TaskerBuilder clock(Clock value) {
        this.clock = java.util.Objects.requireNonNull(value, "clock");
        return this;
    }

    public TaskerBuilder events(EngineEvents value) {
        this.events = java.util.Objects.requireNonNull(value, "events");
        return this;
    }

    /** Name recorded as {@code claimed_by} (default host:pid:id). */
    public TaskerBuilder workerId(String value) {
        this.workerId = Optional.of(value);
        return this;
    }

    /** Whether this engine claims and runs steps (default true). */
    public TaskerBuilder runWorkers(boolean value) {
        this.runWorkers = value;
        return this;
    }

    /** Whether this engine promotes due retries and recovers expired leases (default true). */
    public TaskerBuilder runMaintenance(boolean value) {
        this.runMaintenance = value;
        return this;
    }

    /** Whether to apply pending migrations on start (default true). */
    public TaskerBuilder migrate(boolean value) {
        this.migrate = value;
        return this;
    }

    public Tasker start() {
        return new Tasker(this);
    }

    private static int positive(String name, int value, int max) {
        if (value < 1 || value > max) {
            throw new InvalidInputException(name + " must be between 1 and " + max + ", got " + value);
        }
        return value;
    }

    private static Duration duration(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new InvalidInputException(name + " must be a positive duration");
        }
        return value;
    }
}
