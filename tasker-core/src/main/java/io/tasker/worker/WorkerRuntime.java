package io.tasker.worker;

import io.tasker.engine.DynamicLimits;
import io.tasker.engine.EngineEvents;
import io.tasker.engine.HandlerRegistry;
import io.tasker.engine.ResultWriter;
import io.tasker.engine.TaskEvaluator;
import io.tasker.engine.store.Notifications;
import io.tasker.engine.store.NotificationListener;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.template.TemplateRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The running parts of one engine process that execute steps: the result recorder, the claim loop with its
 * handlers, and the notification listener that wakes it. Built by {@code io.tasker.Tasker}.
 */
public final class WorkerRuntime implements AutoCloseable {

    /** Settings of the worker side. */
    public record Settings(Worker.Settings worker, int resultBatch, int resultFlushers, int maxResultBytes,
                           int checkpointHistory, DynamicLimits limits) {
    }

    private final ScheduledExecutorService timers;
    private final ResultRecorder recorder;
    private final Worker worker;
    private final NotificationListener listener;

    public WorkerRuntime(DataSource dataSource, Jdbc jdbc, ResultWriter writer, HandlerRegistry handlers,
                         TemplateRegistry templates, StepParker parker, Settings settings, UUID processorUuid,
                         Clock clock, EngineEvents events, Consumer<TaskEvaluator.Evaluation> onCommitted) {
        this.timers = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                .name("tasker-timeouts").factory());
        StepQueue queue = new StepQueue();
        LeaseStore leases = new LeaseStore(jdbc, queue, clock, settings.worker().lease(), settings.checkpointHistory());
        Worker[] workerHolder = new Worker[1];
        this.recorder = new ResultRecorder(jdbc, writer, templates, parker, clock, events,
                processorUuid.toString(), settings.resultBatch(), settings.resultFlushers(),
                result -> {
                    onCommitted.accept(result.evaluation());
                    Worker current = workerHolder[0];
                    if (current != null) {
                        current.resultsCommitted();
                    }
                    wakeIfServed(current, result.evaluation().enqueuedNamespaces());
                });
        HandlerRunner runner = new HandlerRunner(handlers, templates, leases, timers, recorder::submit, clock, events,
                new SuccessChecks(templates, settings.maxResultBytes(), settings.limits()));
        this.worker = new Worker(jdbc, queue, runner, leases, writer, settings.worker(), clock, events,
                recorder);
        workerHolder[0] = worker;
        this.listener = new NotificationListener(dataSource, java.util.Map.of(
                Notifications.STEPS_READY, namespace -> {
                    if (worker.serves(namespace)) {
                        worker.signal();
                    }
                },
                Notifications.TASK_CANCELLED, task -> worker.cancelTask(UUID.fromString(task))),
                worker::signal);
    }

    /** Steps of these namespaces became claimable in this process. */
    public void stepsReady(Set<String> namespaces) {
        wakeIfServed(worker, namespaces);
    }

    /** A task was cancelled in this process: interrupt its running handlers now (NOTIFY tells the others). */
    public void taskCancelled(UUID taskUuid) {
        worker.cancelTask(taskUuid);
    }

    public int runningSteps() {
        return worker.runningCount();
    }

    public int resultBacklog() {
        return recorder.backlog();
    }

    /** Stops claiming, lets handlers finish within {@code grace}, releases the rest, commits queued results. */
    public void shutdown(Duration grace) {
        listener.close();
        worker.shutdown(grace);
        recorder.close();
        timers.shutdownNow();
    }

    @Override
    public void close() {
        shutdown(Duration.ZERO);
    }

    private static void wakeIfServed(Worker worker, Set<String> namespaces) {
        if (worker != null && namespaces.stream().anyMatch(worker::serves)) {
            worker.signal();
        }
    }
}
