package io.tasker.engine;

import io.tasker.state.TaskState;
import io.tasker.task.TaskNotFoundException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/** Futures that complete when this process sees a task finish (other processes' finishes are found by polling). */
public final class TaskCompletions {

    private final Map<UUID, List<CompletableFuture<TaskState>>> waiting = new ConcurrentHashMap<>();

    /**
     * Waits until the task reaches a terminal state or {@code timeout} passes, and returns its state then: at once
     * when this process finishes it, else found by reading its state every 250 ms (another process finished it).
     */
    public TaskState await(UUID taskUuid, Duration timeout, Function<UUID, Optional<TaskState>> states) {
        long deadline = System.nanoTime() + timeout.toNanos();
        CompletableFuture<TaskState> finished = watch(taskUuid);
        try {
            while (true) {
                TaskState state = states.apply(taskUuid).orElseThrow(() -> new TaskNotFoundException(taskUuid));
                long remaining = deadline - System.nanoTime();
                if (state.isTerminal() || remaining <= 0) {
                    return state;
                }
                try {
                    return finished.get(Math.min(remaining, TimeUnit.MILLISECONDS.toNanos(250)), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    // finished elsewhere, or not yet: look again
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return state;
                } catch (ExecutionException e) {
                    throw new IllegalStateException(e);
                }
            }
        } finally {
            forget(taskUuid, finished);
        }
    }

    public CompletableFuture<TaskState> watch(UUID taskUuid) {
        CompletableFuture<TaskState> future = new CompletableFuture<>();
        waiting.computeIfAbsent(taskUuid, k -> new CopyOnWriteArrayList<>()).add(future);
        return future;
    }

    public void forget(UUID taskUuid, CompletableFuture<TaskState> future) {
        waiting.computeIfPresent(taskUuid, (k, futures) -> {
            futures.remove(future);
            return futures.isEmpty() ? null : futures;
        });
    }

    public void finished(TaskEvaluator.Evaluation evaluation) {
        finished(evaluation.finished());
    }

    public void finished(UUID taskUuid, TaskState state) {
        finished(Map.of(taskUuid, state));
    }

    public void finished(Map<UUID, TaskState> finished) {
        finished.forEach((task, state) -> {
            List<CompletableFuture<TaskState>> futures = waiting.remove(task);
            if (futures != null) {
                futures.forEach(f -> f.complete(state));
            }
        });
    }
}
