package io.tasker;

import io.tasker.engine.TaskCreator;
import io.tasker.store.jdbc.Tx;
import io.tasker.task.CreatedTask;
import io.tasker.task.DuplicateTaskException;
import io.tasker.task.Reruns;
import io.tasker.task.TaskDetail;
import io.tasker.task.TaskRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Creating tasks beyond the one-at-a-time {@link Tasker#createTask}: many in one transaction (or in the caller's),
 * answered with the rows written, re-runs, delayed starts. Reached through {@link Tasker#creation()}.
 */
public final class TaskCreation {

    private final TaskerParts parts;

    TaskCreation(TaskerParts parts) {
        this.parts = parts;
    }

    /**
     * Creates a task; its ready steps are enqueued in the same transaction, or, with a {@code runAt} still to come,
     * when the scheduler starts it then.
     *
     * @throws DuplicateTaskException when a task with the same identity exists
     */
    public CreatedTask createTask(TaskRequest request) {
        return switch (createTasks(List.of(request)).get(0)) {
            case TaskCreator.Creation.Created created -> created.task();
            case TaskCreator.Creation.Duplicate duplicate -> throw new DuplicateTaskException(duplicate.existingTaskUuid());
        };
    }

    /** Creates many tasks in one transaction (duplicates are reported, not thrown). */
    public List<TaskCreator.Creation> createTasks(List<TaskRequest> requests) {
        List<TaskCreator.Creation> created = parts.creator.createAll(requests);
        if (requests.stream().anyMatch(r -> r.runAt().isPresent())) {
            parts.wakeScheduler(); // it sleeps until the earliest start it knows of
        }
        return created;
    }

    /**
     * Creates tasks in the caller's transaction, with rows of its own (duplicates are reported, not thrown); workers
     * are woken when it commits.
     */
    public List<TaskCreator.Creation> createTasks(Tx tx, List<TaskRequest> requests) {
        return parts.creator.createAll(tx, requests);
    }

    /**
     * Creates a task and returns its detail as the creation transaction wrote it (what a read right after would
     * show, without that read).
     */
    public TaskDetail createDescribed(TaskRequest request) {
        TaskDetail detail = parts.creator.createDescribed(request);
        if (request.runAt().isPresent()) {
            parts.wakeScheduler();
        }
        return detail;
    }

    /**
     * Re-runs a task that has ended: a new task of the same template version with the same input and its own
     * identity, linked by {@code parent_correlation_id} (see {@link Reruns}).
     *
     * @param idempotencyKey the same key re-runs the task once (a second call: DuplicateTaskException)
     */
    public CreatedTask rerun(UUID taskUuid, String initiator, Optional<String> idempotencyKey) {
        return createTask(Reruns.request(parts.reader.get(taskUuid), initiator, idempotencyKey));
    }

    /** When the task is (or was) due to start, if it was created to start later. */
    public Optional<Instant> runAt(UUID taskUuid) {
        return parts.features.delayedStarts.runAt(taskUuid);
    }
}
