package io.tasker.timer;

import io.tasker.engine.TaskEvaluator;
import io.tasker.engine.store.TaskStateStore;
import io.tasker.json.Json;
import io.tasker.scheduler.PeriodicWork;
import io.tasker.state.TaskState;
import io.tasker.store.jdbc.Jdbc;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Scheduler work: starts the tasks created to run later ({@code run_at} or a delay) when they are due. Such a task
 * was created {@code pending} with none of its steps enqueued; starting it is its first evaluation
 * ({@code pending -> initializing -> enqueuing_steps -> steps_in_process}), under its lock, in whichever engine
 * runs the scheduler then. A task cancelled while it waited stays cancelled.
 */
public final class DelayedStarts implements PeriodicWork {

    private static final int BATCH = 200;
    private static final Duration LOCKED_PAUSE = Duration.ofMillis(50);

    private final Jdbc jdbc;
    private final DelayedStartStore store = new DelayedStartStore();
    private final TaskStateStore tasks;
    private final TaskEvaluator evaluator;
    private final Consumer<TaskEvaluator.Evaluation> onCommitted;

    public DelayedStarts(Jdbc jdbc, TaskStateStore tasks, TaskEvaluator evaluator,
                         Consumer<TaskEvaluator.Evaluation> onCommitted) {
        this.jdbc = jdbc;
        this.tasks = tasks;
        this.evaluator = evaluator;
        this.onCommitted = onCommitted;
    }

    @Override
    public Optional<Instant> run(Instant now) {
        List<UUID> due;
        do {
            due = jdbc.withConnection(tx -> store.due(tx, now, BATCH));
            if (!due.isEmpty()) {
                start(due, now);
            }
        } while (due.size() == BATCH);
        return jdbc.withConnection(store::next).map(next -> next.isAfter(now) ? next : now.plus(LOCKED_PAUSE));
    }

    /** When the task is (or was) due to start, if it was created to start later. */
    public Optional<Instant> runAt(UUID taskUuid) {
        return jdbc.withConnection(tx -> store.runAt(tx, taskUuid));
    }

    private void start(List<UUID> due, Instant now) {
        TaskEvaluator.Evaluation evaluation = jdbc.inTransaction(tx -> {
            Map<UUID, TaskState> locked = tasks.lock(tx, due, true);
            Map<UUID, TaskState> waiting = new LinkedHashMap<>();
            locked.forEach((task, state) -> {
                if (state == TaskState.PENDING) {
                    waiting.put(task, state);
                }
            });
            store.started(tx, locked.keySet(), now);
            return evaluator.evaluate(tx, waiting, now, Json.object().put("started_by", "delayed_start"));
        });
        onCommitted.accept(evaluation);
    }
}
