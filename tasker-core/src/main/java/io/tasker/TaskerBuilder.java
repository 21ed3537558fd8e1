package io.tasker;

import io.tasker.engine.DynamicLimits;
import io.tasker.engine.EngineEvents;
import io.tasker.engine.HandlerRegistry;
import io.tasker.engine.StepCommitHook;
import io.tasker.handler.StepHandler;
import io.tasker.scheduler.Retention;
import io.tasker.scheduler.StalenessDetector;
import io.tasker.settings.EngineSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Builds a {@link Tasker}. Every setting has a default and a range, declared in {@link EngineSettings}; a value out
 * of range is refused when it is set, and what {@link #start()} takes is frozen.
 */
public final class TaskerBuilder {
    final DataSource dataSource;
    HandlerRegistry handlers = new HandlerRegistry();
    final List<String> templateTexts = new ArrayList<>();
    final List<Path> templateDirectories = new ArrayList<>();
    List<String> namespaces = List.of();
    int concurrency = EngineSettings.CONCURRENCY.defaultInt();
    int claimBatch = EngineSettings.CLAIM_BATCH.defaultInt();
    Duration pollInterval = EngineSettings.POLL_INTERVAL.defaultValue();
    Duration lease = EngineSettings.LEASE.defaultValue();
    Duration maintenanceInterval = EngineSettings.MAINTENANCE_INTERVAL.defaultValue();
    Duration shutdownGrace = EngineSettings.SHUTDOWN_GRACE.defaultValue();
    int resultBatch = EngineSettings.RESULT_BATCH.defaultInt();
    int resultFlushers = EngineSettings.RESULT_FLUSHERS.defaultInt();
    boolean eagerDispatch = EngineSettings.EAGER_DISPATCH;
    int maxContextBytes = EngineSettings.MAX_CONTEXT_BYTES.defaultInt();
    int maxResultBytes = EngineSettings.MAX_RESULT_BYTES.defaultInt();
    int checkpointHistory = EngineSettings.CHECKPOINT_HISTORY.defaultInt();
    DynamicLimits dynamicLimits = DynamicLimits.DEFAULTS;
    StalenessDetector.Settings staleness = StalenessDetector.Settings.DEFAULTS;
    Retention.Settings retention = Retention.Settings.DEFAULTS;
    List<io.tasker.event.EventSubscriber> eventSubscribers = List.of();

    /** Stale tasks handled by one {@link Tasker#detectStaleTasks} call at most. */
    static final int MAX_STALE_PER_CALL = 1000;
    String environment = EngineSettings.ENVIRONMENT;
    Clock clock = Clock.systemUTC();
    EngineEvents events = EngineEvents.NONE;
    final List<StepCommitHook> commitHooks = new ArrayList<>();
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

    /** Handlers running at once in this engine (default 64). */
    public TaskerBuilder concurrency(int value) {
        this.concurrency = EngineSettings.CONCURRENCY.check(value);
        return this;
    }

    /** Steps claimed per claim statement (default 32). */
    public TaskerBuilder claimBatch(int value) {
        this.claimBatch = EngineSettings.CLAIM_BATCH.check(value);
        return this;
    }

    /** Fallback poll when no notification arrives (default 1 s). */
    public TaskerBuilder pollInterval(Duration value) {
        this.pollInterval = EngineSettings.POLL_INTERVAL.check(value);
        return this;
    }

    /** How long a claim lives without a heartbeat (default 30 s); renewed every third of it. */
    public TaskerBuilder leaseDuration(Duration value) {
        this.lease = EngineSettings.LEASE.check(value);
        return this;
    }

    /** Longest sleep of the maintenance loop (default 1 s). */
    public TaskerBuilder maintenanceInterval(Duration value) {
        this.maintenanceInterval = EngineSettings.MAINTENANCE_INTERVAL.check(value);
        return this;
    }

    /** How long {@link Tasker#close()} lets running handlers finish (default 30 s; zero interrupts them at once). */
    public TaskerBuilder shutdownGrace(Duration value) {
        this.shutdownGrace = EngineSettings.SHUTDOWN_GRACE.check(value);
        return this;
    }

    /** Results committed per transaction at most (default 128). */
    public TaskerBuilder resultBatch(int value) {
        this.resultBatch = EngineSettings.RESULT_BATCH.check(value);
        return this;
    }

    /**
     * Eager dispatch (default on): the transaction that records a step's result also claims the steps it made
     * ready for this engine's free slots, and their handlers start right after the commit, with no NOTIFY and claim
     * round trip. Steps with a concurrency key or rate limit always wait for an ordinary claim.
     */
    public TaskerBuilder eagerDispatch(boolean value) {
        this.eagerDispatch = value;
        return this;
    }

    /** Threads committing results (default 2). */
    public TaskerBuilder resultFlushers(int value) {
        this.resultFlushers = EngineSettings.RESULT_FLUSHERS.check(value);
        return this;
    }

    /** Largest task context accepted, in bytes of JSON (default 1 MiB). */
    public TaskerBuilder maxContextBytes(int value) {
        this.maxContextBytes = EngineSettings.MAX_CONTEXT_BYTES.check(value);
        return this;
    }

    /** Largest step result accepted, in bytes of JSON (default 1 MiB); larger results fail the step. */
    public TaskerBuilder maxResultBytes(int value) {
        this.maxResultBytes = EngineSettings.MAX_RESULT_BYTES.check(value);
        return this;
    }

    /** Checkpoints kept in a step's history (default 50). */
    public TaskerBuilder checkpointHistory(int value) {
        this.checkpointHistory = EngineSettings.CHECKPOINT_HISTORY.check(value);
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

    /**
     * Adds work done in the transaction that records accepted step outcomes (a layer publishing what its steps
     * produced); see {@link StepCommitHook}.
     */
    public TaskerBuilder commitHook(StepCommitHook hook) {
        commitHooks.add(java.util.Objects.requireNonNull(hook, "hook"));
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
}
