package io.tasker.bench;

import io.tasker.engine.EngineEvents;
import io.tasker.state.TaskState;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Listens to the engine: counts finished tasks per namespace (reported after their commit), remembers when the first
 * handler of a namespace started, and keeps enqueue-to-start samples of the namespaces being recorded.
 */
final class BenchEvents implements EngineEvents {

    private final Map<String, LongAdder> finished = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> firstStart = new ConcurrentHashMap<>();
    private final Map<String, Samples> enqueueToStart = new ConcurrentHashMap<>();

    @Override
    public void taskFinished(String namespace, TaskState state) {
        finished.computeIfAbsent(namespace, n -> new LongAdder()).increment();
    }

    @Override
    public void stepStarted(String namespace, Duration sinceEnqueued) {
        firstStart.computeIfAbsent(namespace, n -> new AtomicLong()).compareAndSet(0, System.nanoTime());
        Samples samples = enqueueToStart.get(namespace);
        if (samples != null) {
            samples.add(sinceEnqueued.toNanos());
        }
    }

    /** Starts keeping enqueue-to-start samples of {@code namespace}. */
    Samples record(String namespace) {
        return enqueueToStart.computeIfAbsent(namespace, n -> new Samples());
    }

    long finished(String namespace) {
        LongAdder count = finished.get(namespace);
        return count == null ? 0 : count.sum();
    }

    /** {@link System#nanoTime()} when the first handler of {@code namespace} started, or 0. */
    long firstStart(String namespace) {
        AtomicLong first = firstStart.get(namespace);
        return first == null ? 0 : first.get();
    }

    /** Waits until {@code count} tasks of {@code namespace} finished; returns {@link System#nanoTime()} then. */
    long awaitFinished(String namespace, long count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (finished(namespace) < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + finished(namespace) + " of " + count + " tasks of "
                        + namespace + " finished within " + timeout.toSeconds() + "s");
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        return System.nanoTime();
    }
}
