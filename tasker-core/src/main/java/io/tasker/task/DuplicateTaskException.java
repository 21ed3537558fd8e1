package io.tasker.task;

import io.tasker.ConflictException;
import java.util.UUID;

/** A task with the same identity (template + context, or idempotency key) exists already (HTTP 409). */
public class DuplicateTaskException extends ConflictException {

    private final UUID existingTaskUuid;

    public DuplicateTaskException(UUID existingTaskUuid) {
        super("a task with this identity already exists: " + existingTaskUuid);
        this.existingTaskUuid = existingTaskUuid;
    }

    public UUID existingTaskUuid() {
        return existingTaskUuid;
    }
}
