package io.tasker;

import io.tasker.analytics.Analytics;
import io.tasker.dlq.DeadLetterQueue;
import io.tasker.engine.HandlerRegistry;
import io.tasker.engine.StepOperations;
import io.tasker.engine.store.NotificationListener;
import io.tasker.engine.store.TaskQueries;
import io.tasker.engine.store.TaskReader;
import io.tasker.event.Outbox;
import io.tasker.park.ParkedSteps;
import io.tasker.schedule.Schedules;
import io.tasker.scheduler.Maintenance;
import io.tasker.scheduler.PeriodicWork;
import io.tasker.scheduler.Retention;
import io.tasker.scheduler.StalenessDetector;
import io.tasker.signal.Signals;
import io.tasker.state.TaskState;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.task.CreatedTask;
import io.tasker.task.TaskRequest;
import io.tasker.template.TemplateRegistry;
import io.tasker.worker.ExternalWorkers;
import io.tasker.worker.WorkerRuntime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tasker embedded in a JVM application. Build one on a PostgreSQL {@link DataSource}, register templates and
 * handlers, start it, create tasks:
 *
 * <pre>{@code
 * try (Tasker tasker = Tasker.builder(dataSource)
 *         .handler("square", ctx -> StepResult.success(Map.of("value", 4)))
 *         .templates(Path.of("templates"))
 *         .start()) {
 *     CreatedTask task = tasker.createTask(TaskRequest.of("math", "square_it").context(Map.of("n", 2)).build());
 *     TaskState state = tasker.awaitCompletion(task.taskUuid(), Duration.ofSeconds(10));
 * }
 * }</pre>
 *
 * Any number of Tasker instances (in one JVM or many) may share one database. Creating many tasks at once, re-runs
 * and delayed starts are in {@link #creation()}; the parts are wired in {@code TaskerParts}.
 */
public final class Tasker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Tasker.class);

    private final TaskerParts parts;
    private final TaskCreation creation;
    private volatile boolean closed;

    Tasker(TaskerBuilder b) {
        this.parts = new TaskerParts(b);
        this.creation = new TaskCreation(parts);
    }

    public static TaskerBuilder builder(DataSource dataSource) {
        return new TaskerBuilder(dataSource);
    }

    /**
     * Creates a task; its ready steps are enqueued in the same transaction, or, with a {@code runAt} still to come,
     * when the scheduler starts it then.
     *
     * @throws io.tasker.task.DuplicateTaskException when a task with the same identity exists
     */
    public CreatedTask createTask(TaskRequest request) {
        return creation.createTask(request);
    }

    /** Creating many tasks in one transaction, answered with the rows written, re-runs, delayed starts. */
    public TaskCreation creation() {
        return creation;
    }

    /**
     * Waits until the task reaches a terminal state or {@code timeout} passes, and returns its state then.
     *
     * @throws io.tasker.task.TaskNotFoundException when there is no such task
     */
    public TaskState awaitCompletion(UUID taskUuid, Duration timeout) {
        return parts.completions.await(taskUuid, timeout, parts.reader::state);
    }

    /**
     * Cancels a task and its unfinished steps; running handlers are interrupted and their results discarded.
     * Returns false when it was cancelled already.
     */
    public boolean cancel(UUID taskUuid, String reason, String by) {
        return parts.cancel(taskUuid, reason, by);
    }

    /** The engine's clock (tests move it): what "now" means for delays, timers and schedules. */
    public Clock clock() {
        return parts.clock;
    }

    /** The engine's database helper, for layers that write their rows in the engine's transactions. */
    public Jdbc jdbc() {
        return parts.jdbc;
    }

    /** The HTTP deliveries waiting to go out (completion webhooks, domain events), for their deliverer. */
    public Outbox outbox() {
        return parts.outbox;
    }

    public TemplateRegistry templates() {
        return parts.templates;
    }

    /** The handlers this engine runs: taken from the builder at start, and closed to new registrations. */
    public HandlerRegistry handlers() {
        return parts.handlers;
    }

    /** Reads tasks, steps and transition histories. */
    public TaskReader tasks() {
        return parts.reader;
    }

    /** Listings, execution context, step readiness and audit trails. */
    public TaskQueries queries() {
        return parts.queries;
    }

    /** Performance over a window, system health and bottlenecks. */
    public Analytics analytics() {
        return parts.analytics;
    }

    /** Operator actions on steps: reset for retry, resolve manually, complete manually. */
    public StepOperations operations() {
        return parts.operations;
    }

    /**
     * Steps that wait for an event without holding a worker: wake them by key, list what a task waits for, react
     * to waits that were abandoned.
     */
    public ParkedSteps parkedSteps() {
        return parts.features.parkedSteps;
    }

    /** Signals to running tasks, for their {@code signal} steps. */
    public Signals signals() {
        return parts.features.signals;
    }

    /** Cron schedules of templates: each tick starts a task (ticked by the scheduler of any engine). */
    public Schedules schedules() {
        return parts.features.schedules;
    }

    /** The engine side of the worker API: claims, heartbeats, checkpoints and results of external steps. */
    public ExternalWorkers externalWorkers() {
        return parts.externalWorkers;
    }

    /** The dead letter queue: entries, stats, investigation queue, staleness of unfinished tasks. */
    public DeadLetterQueue dlq() {
        return parts.deadLetterQueue;
    }

    /**
     * Adds work to this engine's scheduler loop (see {@link PeriodicWork}); returns false when this engine runs no
     * scheduler (another process's does the work).
     */
    public boolean addPeriodicWork(PeriodicWork work) {
        parts.maintenance.ifPresent(m -> m.add(work));
        return parts.maintenance.isPresent();
    }

    /** Runs a scheduler round soon in this process (a layer has new work due). */
    public void wakeScheduler() {
        parts.wakeScheduler();
    }

    /**
     * Looks for stale tasks now and, unless {@code dryRun}, acts on them as their templates say (see
     * {@link StalenessDetector}); returns what it found.
     */
    public StalenessDetector.Round detectStaleTasks(boolean dryRun) {
        StalenessDetector.Round round = parts.stalenessDetector.run(dryRun, TaskerBuilder.MAX_STALE_PER_CALL);
        parts.completions.finished(round.evaluation());
        return round;
    }

    /** Runs a retention round now (regardless of its interval); returns what it removed. */
    public Retention.Round runRetention() {
        return parts.retention.run();
    }

    /** Runs one maintenance round now (due retries, expired leases) and returns what it did. */
    public Maintenance.Round runMaintenance() {
        return parts.maintenance.orElseThrow(() -> new IllegalStateException("maintenance is off in this engine"))
                .runOnce();
    }

    /** When this engine's scheduler runs its next round (due retries first), while it sleeps between rounds. */
    public Optional<Instant> nextMaintenanceRound() {
        return parts.maintenance.flatMap(Maintenance::nextRound);
    }

    /** Attempts running in this process. */
    public int runningSteps() {
        return parts.workers.map(WorkerRuntime::runningSteps).orElse(0);
    }

    /**
     * Stops: no new claims, running handlers get {@code grace} to finish, the rest are interrupted and their steps
     * released for other workers; queued results are committed.
     */
    public void shutdown(Duration grace) {
        if (closed) {
            return;
        }
        closed = true;
        parts.listener.ifPresent(NotificationListener::close);
        parts.maintenance.ifPresent(Maintenance::close);
        parts.workers.ifPresent(w -> w.shutdown(grace));
        log.info("Tasker stopped");
    }

    @Override
    public void close() {
        shutdown(parts.shutdownGrace);
    }
}
