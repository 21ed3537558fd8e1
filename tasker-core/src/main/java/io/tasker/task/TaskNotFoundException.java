package io.tasker.task;

import io.tasker.NotFoundException;
import java.util.UUID;

public class TaskNotFoundException extends NotFoundException {

    public TaskNotFoundException(UUID taskUuid) {
        super("task " + taskUuid + " does not exist");
    }
}
