package io.tasker.data.run;

import io.tasker.store.jdbc.Tx;
import io.tasker.task.TaskRequest;
import java.util.List;

/** Creates workflow tasks in a given transaction: the engine's, or the recording transaction of a commit hook. */
@FunctionalInterface
public interface TaskFactory {

    void create(Tx tx, List<TaskRequest> requests);
}
