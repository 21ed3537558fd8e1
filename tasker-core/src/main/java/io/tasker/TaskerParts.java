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
import io.tasker.engine.store.Notifications;
import io.tasker.engine.store.TaskQueries;
import io.tasker.engine.store.TaskReader;
import io.tasker.engine.store.TaskStateStore;
import io.tasker.engine.store.TransitionWriter;
import io.tasker.event.DomainEvents;
import io.tasker.event.Outbox;
import io.tasker.scheduler.Maintenance;
import io.tasker.scheduler.Retention;
import io.tasker.scheduler.StalenessDetector;
import io.tasker.state.TaskState;
import io.tasker.store.Ids;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.template.TemplateRegistry;
import io.tasker.worker.ExternalWorkers;
import io.tasker.worker.Worker;
import io.tasker.worker.WorkerRuntime;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parts of one engine and how they are connected: built once from a {@link TaskerBuilder} for {@link Tasker}
 * and its facades ({@link TaskCreation}), which only hand calls on. It also holds the reactions that join the parts
 * (what a commit in this process, or a NOTIFY from another, wakes).
 */
final class TaskerParts {

    private static final Logger log = LoggerFactory.getLogger(Tasker.class);

    final Jdbc jdbc;
    final HandlerRegistry handlers;
    final TemplateRegistry templates;
    final TaskCreator creator;
    final TaskCanceller canceller;
    final Clock clock;
    final Outbox outbox;
    final TaskReader reader;
    final TaskQueries queries;
    final StepOperations operations;
    final ExternalWorkers externalWorkers;
    final Analytics analytics;
    final TaskCompletions completions = new TaskCompletions();
    final Optional<WorkerRuntime> workers;
    final Optional<Maintenance> maintenance;
    final Optional<NotificationListener> listener;
    final Duration shutdownGrace;
    final DeadLetterQueue deadLetterQueue;
    final StalenessDetector stalenessDetector;
    final Retention retention;
    final WorkflowFeatures features;

    TaskerParts(TaskerBuilder b) {
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
        this.outbox = new Outbox(jdbc, b.clock);
        this.shutdownGrace = b.shutdownGrace;

        this.features = new WorkflowFeatures(new WorkflowFeatures.Engine(jdbc, states, evaluator, writer, templates,
                processor.toString(), b.clock, this::committed, creator, this::cancel, this::wakeScheduler), handlers);
        b.templateTexts.forEach(templates::registerYaml);
        b.templateDirectories.forEach(templates::registerDirectory);
        String workerId = b.workerId.orElseGet(() -> defaultWorkerId(processor));
        this.workers = b.runWorkers ? Optional.of(new WorkerRuntime(jdbc, writer, handlers, templates,
                features.parkedSteps, new WorkerRuntime.Settings(new Worker.Settings(b.namespaces, b.concurrency,
                        b.claimBatch, b.pollInterval, b.lease, workerId), b.resultBatch, b.resultFlushers,
                        b.maxResultBytes, b.checkpointHistory, b.dynamicLimits, b.eagerDispatch),
                processor, b.clock, b.events, evaluation -> {
                    completions.finished(evaluation);
                    evaluation.finished().forEach((task, state) ->
                            b.events.taskFinished(evaluation.namespaces().getOrDefault(task, ""), state));
                })) : Optional.empty();
        Consumer<TaskEvaluator.Evaluation> committed = this::committed;
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
        log.info("Tasker started (worker {}, namespaces {}, concurrency {}, maintenance {}, eager dispatch {})",
                b.runWorkers ? workerId : "off", b.namespaces.isEmpty() ? "all" : b.namespaces, b.concurrency,
                b.runMaintenance ? "on" : "off", b.eagerDispatch ? "on" : "off");
    }

    /** See {@link Tasker#cancel}. */
    boolean cancel(UUID taskUuid, String reason, String by) {
        boolean cancelled = canceller.cancel(taskUuid, reason, by);
        if (cancelled) {
            workers.ifPresent(w -> w.taskCancelled(taskUuid));
            completions.finished(taskUuid, TaskState.CANCELLED);
            features.parkedSteps.sweep(Optional.of(taskUuid)); // its waits end now: child tasks and the like are told at once
        }
        return cancelled;
    }

    /** Runs a scheduler round soon in this process. */
    void wakeScheduler() {
        maintenance.ifPresent(Maintenance::wakeUp);
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

    /** Wakes this engine's workers for new steps (null-safe: task creation may start before the workers). */
    private void stepsReady(Set<String> namespaces) {
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
