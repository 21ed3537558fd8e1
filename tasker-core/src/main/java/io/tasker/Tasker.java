package io.tasker;

import io.tasker.analytics.Analytics;
import io.tasker.db.Migrations;
import io.tasker.db.ServerVersion;
import io.tasker.dlq.DeadLetterQueue;
import io.tasker.dlq.DeadLetterStore;
import io.tasker.engine.DynamicSteps;
import io.tasker.engine.HandlerRegistry;
import io.tasker.engine.ResultWriter;
import io.tasker.engine.StepCommitHooks;
import io.tasker.engine.StepOperations;
import io.tasker.engine.TaskCanceller;
import io.tasker.engine.TaskCompletions;
import io.tasker.engine.TaskCreator;
import io.tasker.engine.TaskEvaluator;
import io.tasker.engine.TaskFinalizer;
import io.tasker.engine.TaskRequestValidator;
import io.tasker.engine.store.NotificationListener;
import io.tasker.engine.store.TaskQueries;
import io.tasker.engine.store.TaskReader;
import io.tasker.engine.store.TaskStateStore;
import io.tasker.engine.store.Notifications;
import io.tasker.event.DomainEvents;
import io.tasker.engine.store.TransitionWriter;
import io.tasker.park.ParkedSteps;
import io.tasker.schedule.Schedules;
import io.tasker.signal.Signals;
import io.tasker.scheduler.Maintenance;
import io.tasker.scheduler.PeriodicWork;
import io.tasker.scheduler.Retention;
import io.tasker.scheduler.StalenessDetector;
import io.tasker.state.TaskState;
import io.tasker.store.Ids;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.task.CreatedTask;
import io.tasker.task.TaskDetail;
import io.tasker.task.TaskRequest;
import io.tasker.template.TemplateRegistry;
import io.tasker.worker.ExternalWorkers;
import io.tasker.engine.store.NotificationListener;
import io.tasker.worker.Worker;
import io.tasker.worker.WorkerRuntime;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
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
 * Any number of Tasker instances (in one JVM or many) may share one database.
 */
public final class Tasker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Tasker.class);

    private final Jdbc jdbc;
    private final HandlerRegistry handlers;
    private final TemplateRegistry templates;
    private final TaskCreator creator;
    private final TaskCanceller canceller;
    private final java.time.Clock clock;
    private final io.tasker.event.Outbox outbox;
    private final TaskReader reader;
    private final TaskQueries queries;
    private final StepOperations operations;
    private final ExternalWorkers externalWorkers;
    private final Analytics analytics;
    private final TaskCompletions completions = new TaskCompletions();
    private final Optional<WorkerRuntime> workers;
    private final Optional<Maintenance> maintenance;
    private final Optional<NotificationListener> listener;
    private final Duration shutdownGrace;
    private final DeadLetterQueue deadLetterQueue;
    private final StalenessDetector stalenessDetector;
    private final Retention retention;
    private final WorkflowFeatures features;
    private volatile boolean closed;

    Tasker(TaskerBuilder b) {
        this.jdbc = new Jdbc(b.dataSource);
        if (b.migrate) {
            Migrations.migrate(b.dataSource, ServerVersion.of(b.dataSource));
        }
        UUID processor = Ids.next();
        this.handlers = b.handlers.frozenCopy();
        this.templates = new TemplateRegistry(jdbc, handlers::canResolve, b.environment, b.clock);
        TransitionWriter transitions = new TransitionWriter(processor);
        TaskStateStore states = new TaskStateStore();
        TaskEvaluator evaluator = new TaskEvaluator(states, transitions);
        DynamicSteps dynamicSteps = new DynamicSteps(templates, transitions, b.dynamicLimits);
        // Made before the workers start, so that commit hooks can create tasks from their first result on.
        this.creator = new TaskCreator(jdbc, templates, transitions, new TaskRequestValidator(b.maxContextBytes),
                b.clock, b.events, this::stepsReady);
        ResultWriter writer = new ResultWriter(states, transitions, evaluator, dynamicSteps,
                new StepCommitHooks(b.commitHooks, creator), new DomainEvents(templates, b.eventSubscribers));
        this.reader = new TaskReader(jdbc);
        this.queries = new TaskQueries(jdbc);
        this.analytics = new Analytics(jdbc, b.clock);
        TaskFinalizer finalizer = new TaskFinalizer(states, transitions);
        this.canceller = new TaskCanceller(jdbc, states, finalizer, b.clock);
        this.clock = b.clock;
        this.outbox = new io.tasker.event.Outbox(jdbc, b.clock);
        this.shutdownGrace = b.shutdownGrace;

        this.features = new WorkflowFeatures(new WorkflowFeatures.Engine(jdbc, states, evaluator, writer, templates,
                processor.toString(), b.clock, this::committed, creator, this::cancel, this::wakeScheduler), handlers);
        b.templateTexts.forEach(templates::registerYaml);
        b.templateDirectories.forEach(templates::registerDirectory);
        String workerId = b.workerId.orElseGet(() -> defaultWorkerId(processor));
        this.workers = b.runWorkers ? Optional.of(new WorkerRuntime(jdbc, writer, handlers, templates,
                features.parkedSteps, new WorkerRuntime.Settings(new Worker.Settings(b.namespaces, b.concurrency,
                        b.claimBatch, b.pollInterval, b.lease, workerId), b.resultBatch, b.resultFlushers,
                        b.maxResultBytes, b.checkpointHistory, b.dynamicLimits),
                processor, b.clock, b.events, evaluation -> {
                    completions.finished(evaluation);
                    evaluation.finished().forEach((task, state) ->
                            b.events.taskFinished(evaluation.namespaces().getOrDefault(task, ""), state));
                })) : Optional.empty();
        java.util.function.Consumer<TaskEvaluator.Evaluation> committed = this::committed;
        this.operations = new StepOperations(jdbc, states, transitions, evaluator, dynamicSteps, b.clock,
                b.maxResultBytes, committed);
        this.externalWorkers = new ExternalWorkers(jdbc, writer, templates, b.clock, b.lease, b.checkpointHistory,
                b.maxResultBytes, b.dynamicLimits, processor, b.events, committed);
        DeadLetterStore deadLetters = new DeadLetterStore();
        this.deadLetterQueue = new DeadLetterQueue(jdbc, deadLetters, b.clock);
        this.stalenessDetector = new StalenessDetector(jdbc, states, finalizer, deadLetters, b.clock);
        this.retention = new Retention(jdbc, states, b.clock, b.retention);
        this.maintenance = b.runMaintenance ? Optional.of(new Maintenance(jdbc, states, evaluator, writer, b.clock,
                b.maintenanceInterval, new Maintenance.Housekeeping(stalenessDetector, b.staleness, retention),
                templates::timeout, committed)) : Optional.empty();
        maintenance.ifPresent(features::attach);
        Map<String, Consumer<String>> channels = new HashMap<>();
        workers.ifPresent(w -> channels.putAll(w.channels()));
        maintenance.ifPresent(m -> channels.putAll(m.channels()));
        // Finished tasks wake their waiters (long polls, parent steps) in every engine, whatever its roles.
        channels.put(Notifications.TASKS_FINISHED,
                payload -> tasksFinished(Arrays.stream(payload.split(",")).map(UUID::fromString).toList()));
        this.listener = Optional.of(new NotificationListener(b.dataSource, channels, () -> {
            workers.ifPresent(WorkerRuntime::wakeUp);
            completions.recheckAll(reader::state);
        }));
        log.info("Tasker started (worker {}, namespaces {}, concurrency {}, maintenance {})",
                b.runWorkers ? workerId : "off", b.namespaces.isEmpty() ? "all" : b.namespaces, b.concurrency,
                b.runMaintenance ? "on" : "off");
    }

    /** What this process committed: wake its waiters and, when steps became claimable, its workers. */
    private void committed(TaskEvaluator.Evaluation evaluation) {
        completions.finished(evaluation);
        stepsReady(evaluation.enqueuedNamespaces());
    }

    /** Any process finished these tasks (NOTIFY): wake who waits for them here, and their parent tasks. */
    private void tasksFinished(List<UUID> tasks) {
        completions.announced(tasks, reader::state);
        features.subtasks.finished(tasks);
    }

    public static TaskerBuilder builder(DataSource dataSource) {
        return new TaskerBuilder(dataSource);
    }

    /** The engine's clock (tests move it): what "now" means for delays, timers and schedules. */
    public java.time.Clock clock() {
        return clock;
    }

    /** The HTTP deliveries waiting to go out (completion webhooks, domain events), for their deliverer. */
    public io.tasker.event.Outbox outbox() {
        return outbox;
    }

    public TemplateRegistry templates() {
        return templates;
    }

    /** The handlers this engine runs: taken from the builder at start, and closed to new registrations. */
    public HandlerRegistry handlers() {
        return handlers;
    }

    /** Reads tasks, steps and transition histories. */
    public TaskReader tasks() {
        return reader;
    }

    /** Listings, execution context, step readiness and audit trails. */
    public TaskQueries queries() {
        return queries;
    }

    /** Performance over a window, system health and bottlenecks. */
    public Analytics analytics() {
        return analytics;
    }

    /** Operator actions on steps: reset for retry, resolve manually, complete manually. */
    public StepOperations operations() {
        return operations;
    }

    /**
     * Steps that wait for an event without holding a worker: wake them by key, list what a task waits for, react
     * to waits that were abandoned.
     */
    public ParkedSteps parkedSteps() {
        return features.parkedSteps;
    }

    /** Signals to running tasks, for their {@code signal} steps. */
    public Signals signals() {
        return features.signals;
    }

    /** Cron schedules of templates: each tick starts a task (ticked by the scheduler of any engine). */
    public Schedules schedules() {
        return features.schedules;
    }

    /**
     * Adds work to this engine's scheduler loop (see {@link PeriodicWork}); returns false when this engine runs no
     * scheduler (another process's does the work).
     */
    public boolean addPeriodicWork(PeriodicWork work) {
        maintenance.ifPresent(m -> m.add(work));
        return maintenance.isPresent();
    }

    /** Runs a scheduler round soon in this process (a layer has new work due). */
    public void wakeScheduler() {
        maintenance.ifPresent(Maintenance::wakeUp);
    }

    /** The engine side of the worker API: claims, heartbeats, checkpoints and results of external steps. */
    public ExternalWorkers externalWorkers() {
        return externalWorkers;
    }

    /**
     * Creates a task; its ready steps are enqueued in the same transaction, or, with a {@code runAt} still to come,
     * when the scheduler starts it then.
     */
    public CreatedTask createTask(TaskRequest request) {
        return switch (createTasks(List.of(request)).get(0)) {
            case TaskCreator.Creation.Created created -> created.task();
            case TaskCreator.Creation.Duplicate duplicate ->
                    throw new io.tasker.task.DuplicateTaskException(duplicate.existingTaskUuid());
        };
    }

    /**
     * Re-runs a task that has ended: a new task of the same template version with the same input and its own
     * identity, linked by {@code parent_correlation_id} (see {@link io.tasker.task.Reruns}).
     *
     * @param idempotencyKey the same key re-runs the task once (a second call: DuplicateTaskException)
     */
    public CreatedTask rerun(UUID taskUuid, String initiator, Optional<String> idempotencyKey) {
        return createTask(io.tasker.task.Reruns.request(reader.get(taskUuid), initiator, idempotencyKey));
    }

    /**
     * Creates tasks in the caller's transaction, with rows of its own (duplicates are reported, not thrown); workers
     * are woken when it commits.
     */
    public List<TaskCreator.Creation> createTasks(io.tasker.store.jdbc.Tx tx, List<TaskRequest> requests) {
        return creator.createAll(tx, requests);
    }

    /** The engine's database helper, for layers that write their rows in the engine's transactions. */
    public Jdbc jdbc() {
        return jdbc;
    }

    /**
     * Creates a task and returns its detail as the creation transaction wrote it (what a read right after would
     * show, without that read).
     */
    public TaskDetail createTaskDescribed(TaskRequest request) {
        return creator.createDescribed(request);
    }

    /** Creates many tasks in one transaction (duplicates are reported, not thrown). */
    public List<TaskCreator.Creation> createTasks(List<TaskRequest> requests) {
        List<TaskCreator.Creation> created = creator.createAll(requests);
        if (requests.stream().anyMatch(r -> r.runAt().isPresent())) {
            wakeScheduler(); // it sleeps until the earliest start it knows of
        }
        return created;
    }

    /** When the task is (or was) due to start, if it was created to start later. */
    public Optional<java.time.Instant> runAt(UUID taskUuid) {
        return features.delayedStarts.runAt(taskUuid);
    }

    /**
     * Waits until the task reaches a terminal state or {@code timeout} passes, and returns its state then.
     *
     * @throws io.tasker.task.TaskNotFoundException when there is no such task
     */
    public TaskState awaitCompletion(UUID taskUuid, Duration timeout) {
        return completions.await(taskUuid, timeout, reader::state);
    }

    /**
     * Cancels a task and its unfinished steps; running handlers are interrupted and their results discarded.
     * Returns false when it was cancelled already.
     */
    public boolean cancel(UUID taskUuid, String reason, String by) {
        boolean cancelled = canceller.cancel(taskUuid, reason, by);
        if (cancelled) {
            workers.ifPresent(w -> w.taskCancelled(taskUuid));
            completions.finished(taskUuid, TaskState.CANCELLED);
            features.parkedSteps.sweep(Optional.of(taskUuid)); // its waits end now: child tasks and the like are told at once
        }
        return cancelled;
    }

    /** The dead letter queue: entries, stats, investigation queue, staleness of unfinished tasks. */
    public DeadLetterQueue dlq() {
        return deadLetterQueue;
    }

    /**
     * Looks for stale tasks now and, unless {@code dryRun}, acts on them as their templates say (see
     * {@link StalenessDetector}); returns what it found.
     */
    public StalenessDetector.Round detectStaleTasks(boolean dryRun) {
        StalenessDetector.Round round = stalenessDetector.run(dryRun, TaskerBuilder.MAX_STALE_PER_CALL);
        completions.finished(round.evaluation());
        return round;
    }

    /** Runs a retention round now (regardless of its interval); returns what it removed. */
    public Retention.Round runRetention() {
        return retention.run();
    }

    /** Runs one maintenance round now (due retries, expired leases) and returns what it did. */
    public Maintenance.Round runMaintenance() {
        return maintenance.orElseThrow(() -> new IllegalStateException("maintenance is off in this engine"))
                .runOnce();
    }

    /** When this engine's scheduler runs its next round (due retries first), while it sleeps between rounds. */
    public Optional<java.time.Instant> nextMaintenanceRound() {
        return maintenance.flatMap(Maintenance::nextRound);
    }

    /** Attempts running in this process. */
    public int runningSteps() {
        return workers.map(WorkerRuntime::runningSteps).orElse(0);
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
        listener.ifPresent(NotificationListener::close);
        maintenance.ifPresent(Maintenance::close);
        workers.ifPresent(w -> w.shutdown(grace));
        log.info("Tasker stopped");
    }

    @Override
    public void close() {
        shutdown(shutdownGrace);
    }

    /** Wakes this engine's workers for new steps (null-safe: task creation may start before the workers). */
    private void stepsReady(java.util.Set<String> namespaces) {
        Optional<WorkerRuntime> runtime = workers;
        if (runtime != null) {
            runtime.ifPresent(w -> w.stepsReady(namespaces));
        }
    }

    private static String defaultWorkerId(UUID processor) {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "unknown-host";
        }
        String id = host + ":" + ProcessHandle.current().pid() + ":" + processor.toString().substring(24);
        return id.length() > 128 ? id.substring(0, 128) : id;
    }
}
