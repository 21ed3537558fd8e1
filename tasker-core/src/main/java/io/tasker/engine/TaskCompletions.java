package io.tasker.engine;

import io.tasker.state.TaskState;
import io.tasker.task.TaskNotFoundException;
import java.time.Duration;
import java.util.Collection;
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

/**
 * Waiting for tasks to finish, without a loop of reads: futures complete when this process commits a task's end,
 * or when any process's does (the trigger on {@code tasker.tasks} NOTIFYs {@code tasker_tasks_finished}, and the
 * engine's listener calls {@link #announced}). The state is read again only on such news, after a reconnect of the
 * listener, and every {@link #RECHECK} as a safety net.
 */
public final class TaskCompletions {

    /** How often a waiter reads its task's state even without news. */
    public static final Duration RECHECK = Duration.ofSeconds(5);

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

    /** Tasks some process reported finished: the waiters of those tasks read their state. */
    public void announced(Collection<UUID> tasks, Function<UUID, Optional<TaskState>> read) {
        for (UUID task : tasks) {
            if (waiting.containsKey(task)) {
                read.apply(task).filter(TaskState::isTerminal).ifPresent(state -> finished(task, state));
            }
        }
    }

    /** News may have been missed (the listener reconnected): every waiter reads its state. */
    public void recheckAll(Function<UUID, Optional<TaskState>> read) {
        announced(List.copyOf(waiting.keySet()), read);
    }

    /**
     * Waits until the task reaches a terminal state or {@code timeout} passes, and returns its state then.
     *
     * @throws TaskNotFoundException when there is no such task
     */
    public TaskState await(UUID taskUuid, Duration timeout, Function<UUID, Optional<TaskState>> read) {
        return await(taskUuid, timeout, read, RECHECK);
    }

    /** {@link #await(UUID, Duration, Function)}, reading the state without news every {@code recheck}. */
    public TaskState await(UUID taskUuid, Duration timeout, Function<UUID, Optional<TaskState>> read,
                           Duration recheck) {
        long deadline = System.nanoTime() + timeout.toNanos();
        CompletableFuture<TaskState> finished = watch(taskUuid);
        try {
            while (true) {
                TaskState state = read.apply(taskUuid).orElseThrow(() -> new TaskNotFoundException(taskUuid));
                long remaining = deadline - System.nanoTime();
                if (state.isTerminal() || remaining <= 0) {
                    return state;
                }
                try {
                    return finished.get(Math.min(remaining, recheck.toNanos()), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    // no news within the recheck period: read again
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
}
