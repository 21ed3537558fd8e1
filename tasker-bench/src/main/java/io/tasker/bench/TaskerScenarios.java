package io.tasker.bench;

import io.tasker.Tasker;
import io.tasker.state.TaskState;
import io.tasker.task.CreatedTask;
import io.tasker.task.TaskRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/** Tasker's own scenarios: bulk drains, end-to-end and enqueue-to-start latency, in-process creation. */
final class TaskerScenarios {

    /** Latency tasks under load outrank the background tasks, as an operator would arrange it. */
    static final int LATENCY_PRIORITY = 10;
    private static final Duration TASK_TIMEOUT = Duration.ofSeconds(60);

    private final DataSource pool;
    private final BenchOptions options;

    TaskerScenarios(DataSource pool, BenchOptions options) {
        this.pool = pool;
        this.options = options;
    }

    /**
     * Creates {@code tasks} tasks of {@code namespace} in bulk with no worker running, then starts one engine and
     * waits until all of them have finished.
     */
    PeerRun drain(String namespace, int tasks) {
        try (Tasker creator = Workloads.creator(pool, options)) {
            Workloads.createInBulk(creator, namespace, tasks, 0);
        }
        BenchEvents events = new BenchEvents();
        long started = System.nanoTime();
        try (Tasker engine = Workloads.engine(pool, options, events).migrate(false).start()) {
            long done = events.awaitFinished(namespace, tasks, DbSchedulerPeer.timeout(tasks));
            return new PeerRun("Tasker", tasks, events.firstStart(namespace), done, started);
        }
    }

    /**
     * Like {@link #drain} for {@code tasks} single-step tasks, with {@code keyed} tasks of the keyed template
     * ({@link Workloads#KEYED}) created before them and waiting beside them; times the unkeyed tasks and counts the
     * keyed ones finished by then (then waits for those too, so the next scenario starts empty).
     */
    Neighbours drainBesideKeyed(int tasks, int keyed) {
        try (Tasker creator = Workloads.creator(pool, options)) {
            Workloads.createInBulk(creator, Workloads.KEYED, keyed, 0);
            Workloads.createInBulk(creator, Workloads.SINGLE, tasks, 0);
        }
        BenchEvents events = new BenchEvents();
        long started = System.nanoTime();
        try (Tasker engine = Workloads.engine(pool, options, events).migrate(false).start()) {
            long done = events.awaitFinished(Workloads.SINGLE, tasks, DbSchedulerPeer.timeout(tasks));
            long keyedByThen = events.finished(Workloads.KEYED);
            events.awaitFinished(Workloads.KEYED, keyed, DbSchedulerPeer.timeout(keyed * 10));
            return new Neighbours(new PeerRun("Tasker", tasks, events.firstStart(Workloads.SINGLE), done, started),
                    keyedByThen);
        }
    }

    /** The unkeyed drain beside a keyed backlog, and how many keyed tasks had finished when it ended. */
    record Neighbours(PeerRun unkeyed, long keyedFinishedMeanwhile) {
    }

    /** End-to-end and enqueue-to-start latency of linear tasks created one at a time, with no other work. */
    Latency latencyIdle() {
        return latencyIdle(options.eagerDispatch());
    }

    /** The same with eager dispatch as given (to compare both settings side by side in one run). */
    Latency latencyIdle(boolean eagerDispatch) {
        BenchEvents events = new BenchEvents();
        try (Tasker engine = Workloads.engine(pool, options, events).eagerDispatch(eagerDispatch).migrate(false)
                .start()) {
            runOneAtATime(engine, Math.max(10, options.latencyTasks() / 10), 0);
            Samples enqueueToStart = events.record(Workloads.LATENCY);
            Samples endToEnd = runOneAtATime(engine, options.latencyTasks(), 0);
            return new Latency(endToEnd, enqueueToStart, 0);
        }
    }

    /**
     * The same while a producer offers single-step tasks at {@code loadPerSecond} in batches every 100 ms (open
     * loop: it does not wait for them), so the engine is busy with background work throughout.
     */
    Latency latencyUnderLoad(double loadPerSecond) {
        BenchEvents events = new BenchEvents();
        try (Tasker engine = Workloads.engine(pool, options, events).migrate(false).start()) {
            AtomicBoolean producing = new AtomicBoolean(true);
            AtomicInteger offered = new AtomicInteger();
            int perTick = Math.max(1, (int) Math.round(loadPerSecond / 10));
            Thread producer = Thread.ofPlatform().name("bench-load").start(() -> {
                long next = System.nanoTime();
                while (producing.get()) {
                    List<TaskRequest> batch = new ArrayList<>(perTick);
                    for (int i = 0; i < perTick; i++) {
                        batch.add(Workloads.request(Workloads.LOAD, offered.getAndIncrement(), 0));
                    }
                    engine.creation().createTasks(batch);
                    next += 100_000_000L;
                    long sleep = next - System.nanoTime();
                    if (sleep > 0) {
                        sleepNanos(sleep);
                    }
                }
            });
            sleepNanos(1_000_000_000L); // let the background load reach its steady state
            runOneAtATime(engine, Math.max(10, options.latencyTasks() / 10), LATENCY_PRIORITY);
            Samples enqueueToStart = events.record(Workloads.LATENCY);
            Samples loadEnqueueToStart = events.record(Workloads.LOAD);
            Samples endToEnd = runOneAtATime(engine, options.latencyTasks(), LATENCY_PRIORITY);
            producing.set(false);
            join(producer);
            events.awaitFinished(Workloads.LOAD, offered.get(), DbSchedulerPeer.timeout(offered.get()));
            return new Latency(endToEnd, enqueueToStart, loadEnqueueToStart.size() == 0 ? 0
                    : loadEnqueueToStart.percentileMillis(50));
        }
    }

    /** Time of {@code createTask} calls (single-step tasks, one at a time) with the engine running. */
    Samples creationInProcess() {
        BenchEvents events = new BenchEvents();
        try (Tasker engine = Workloads.engine(pool, options, events).migrate(false).start()) {
            int warmup = Math.max(10, options.creations() / 10);
            for (int i = 0; i < warmup; i++) {
                engine.createTask(Workloads.request(Workloads.CREATE, i, 0));
            }
            Samples samples = new Samples();
            for (int i = 0; i < options.creations(); i++) {
                long t0 = System.nanoTime();
                engine.createTask(Workloads.request(Workloads.CREATE, warmup + i, 0));
                samples.add(System.nanoTime() - t0);
            }
            events.awaitFinished(Workloads.CREATE, warmup + options.creations(), TASK_TIMEOUT);
            return samples;
        }
    }

    /**
     * End-to-end latencies and the enqueue-to-start samples of the latency tasks' steps.
     *
     * @param loadEnqueueToStartP50 enqueue-to-start p50 of the background tasks (0 when idle)
     */
    record Latency(Samples endToEnd, Samples enqueueToStart, double loadEnqueueToStartP50) {
    }

    private static Samples runOneAtATime(Tasker engine, int count, int priority) {
        Samples samples = new Samples();
        for (int i = 0; i < count; i++) {
            long t0 = System.nanoTime();
            CreatedTask task = engine.createTask(Workloads.request(Workloads.LATENCY, i, priority));
            TaskState state = engine.awaitCompletion(task.taskUuid(), TASK_TIMEOUT);
            long elapsed = System.nanoTime() - t0;
            if (state != TaskState.COMPLETE) {
                throw new IllegalStateException("latency task " + task.taskUuid() + " ended " + state);
            }
            samples.add(elapsed);
        }
        return samples;
    }

    private static void sleepNanos(long nanos) {
        try {
            Thread.sleep(Duration.ofNanos(nanos));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
