package io.tasker.task;

import io.tasker.NotFoundException;
import java.util.UUID;

public class StepNotFoundException extends NotFoundException {

    public StepNotFoundException(UUID taskUuid, UUID stepUuid) {
        super("step " + stepUuid + " of task " + taskUuid + " does not exist");
    }
}
