package io.tasker.task;

import io.tasker.state.IllegalTransitionException;
import io.tasker.store.rows.TaskRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A re-run: a new task of the same template version with the same input, for a task that has ended (typically in
 * error) and whose input the {@code strict} identity would refuse again. The new task has its own identity (an
 * idempotency key naming the original, and the caller's key or a fresh one) and is linked to the original by
 * {@code parent_correlation_id} = the original's correlation id.
 */
public final class Reruns {

    private Reruns() {
    }

    /**
     * The request that re-runs {@code original}.
     *
     * @param key the caller's idempotency key (the same key re-runs once), or empty for a new task every time
     * @throws IllegalTransitionException when the original has not ended
     */
    public static TaskRequest request(TaskView original, String initiator, Optional<String> key) {
        if (!original.state().isTerminal()) {
            throw new IllegalTransitionException("task " + original.row().taskUuid() + " is "
                    + original.state().dbValue() + ": only a task that has ended can be re-run");
        }
        TaskRow row = original.row();
        List<String> tags = new ArrayList<>();
        if (row.tags() != null) {
            row.tags().forEach(tag -> tags.add(tag.asString()));
        }
        return TaskRequest.of(original.template().namespace(), original.template().name())
                .version(original.template().version())
                .context(row.context())
                .initiator(initiator)
                .sourceSystem(row.sourceSystem())
                .reason("re-run of " + row.taskUuid())
                .tags(tags)
                .priority(row.priority())
                .parentCorrelationId(row.correlationId())
                .idempotencyKey("rerun:" + row.taskUuid() + ":" + key.orElseGet(() -> UUID.randomUUID().toString()))
                .build();
    }
}
