package io.tasker.worker;

import io.tasker.engine.DynamicLimits;
import io.tasker.engine.EngineEvents;
import io.tasker.engine.HandlerRegistry;
import io.tasker.engine.ResultWriter;
import io.tasker.engine.TaskEvaluator;
import io.tasker.engine.store.NotificationListener;
import io.tasker.engine.store.Notifications;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.template.TemplateRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * The running parts of one engine process that execute steps: the result recorder and the claim loop with its
 * handlers. Built by {@code io.tasker.Tasker}, whose {@link NotificationListener} wakes it.
 */
public final class WorkerRuntime implements AutoCloseable {

    /**
     * Settings of the worker side.
     *
     * @param eagerDispatch claim the steps a result makes ready in that result's transaction (see {@link EagerDispatch})
     */
    public record Settings(Worker.Settings worker, int resultBatch, int resultFlushers, int maxResultBytes,
                           int checkpointHistory, DynamicLimits limits, boolean eagerDispatch) {
    }

    private final ScheduledExecutorService timers;
    private final ResultRecorder recorder;
    private final Worker worker;

    public WorkerRuntime(Jdbc jdbc, ResultWriter writer, HandlerRegistry handlers, TemplateRegistry templates,
                         StepParker parker, Settings settings, UUID processorUuid, Clock clock, EngineEvents events,
                         Consumer<TaskEvaluator.Evaluation> onCommitted) {
        this.timers = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                .name("tasker-timeouts").factory());
        StepQueue queue = new StepQueue();
        LeaseStore leases = new LeaseStore(jdbc, queue, clock, settings.worker().lease(), settings.checkpointHistory(),
                settings.maxResultBytes());
        Worker[] workerHolder = new Worker[1];
        EagerDispatch eager = new EagerDispatch(settings.eagerDispatch(), settings.worker(), events);
        this.recorder = new ResultRecorder(jdbc, writer, templates, parker, clock, events,
                processorUuid.toString(), settings.resultBatch(), settings.resultFlushers(),
                result -> {
                    onCommitted.accept(result.evaluation());
                    Worker current = workerHolder[0];
                    if (current != null) {
                        current.resultsCommitted();
                    }
                    wakeIfServed(current, result.evaluation().enqueuedNamespaces());
                }, eager);
        HandlerRunner runner = new HandlerRunner(handlers, templates, leases, timers, recorder::submit, clock, events,
                new SuccessChecks(templates, settings.maxResultBytes(), settings.limits()));
        this.worker = new Worker(jdbc, queue, runner, leases, writer, settings.worker(), clock, events,
                recorder);
        workerHolder[0] = worker;
        eager.attach(worker);
    }

    /** Steps of these namespaces became claimable in this process. */
    public void stepsReady(Set<String> namespaces) {
        wakeIfServed(worker, namespaces);
    }

    /** Claim now: something may have been missed (the notification connection was lost). */
    public void wakeUp() {
        worker.signal();
    }

    /** A task was cancelled (here, or in another process: NOTIFY): interrupt its running handlers now. */
    public void taskCancelled(UUID taskUuid) {
        worker.cancelTask(taskUuid);
    }

    /** What the workers hear from other processes: steps ready in a namespace, a task cancelled. */
    public Map<String, Consumer<String>> channels() {
        return Map.of(Notifications.STEPS_READY, namespace -> stepsReady(Set.of(namespace)),
                Notifications.TASK_CANCELLED, task -> taskCancelled(UUID.fromString(task)));
    }

    public int runningSteps() {
        return worker.runningCount();
    }

    public int resultBacklog() {
        return recorder.backlog();
    }

    /** Stops claiming, lets handlers finish within {@code grace}, releases the rest, commits queued results. */
    public void shutdown(Duration grace) {
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
