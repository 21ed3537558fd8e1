package io.tasker.engine.decision;

import io.tasker.state.TaskState;
import java.util.List;

/**
 * What to do with a task after something happened to it: which steps to enqueue, and the chain of task states to
 * walk (each link an allowed transition; empty when the task stays where it is).
 */
public record TaskDecision(List<StepSnapshot> stepsToEnqueue, List<TaskState> taskPath) {

    public static final TaskDecision NOTHING = new TaskDecision(List.of(), List.of());

    public TaskDecision {
        stepsToEnqueue = List.copyOf(stepsToEnqueue);
        taskPath = List.copyOf(taskPath);
    }

    public boolean isNothing() {
        return stepsToEnqueue.isEmpty() && taskPath.isEmpty();
    }

    /** The state the task ends in, given the state it started from. */
    public TaskState finalState(TaskState from) {
        return taskPath.isEmpty() ? from : taskPath.get(taskPath.size() - 1);
    }
}
