package io.tasker.engine;

import io.tasker.state.TaskState;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Futures that complete when this process sees a task finish (other processes' finishes are found by polling). */
public final class TaskCompletions {

    private final Map<UUID, List<CompletableFuture<TaskState>>> waiting = new ConcurrentHashMap<>();

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
