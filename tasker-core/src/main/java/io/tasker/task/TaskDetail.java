package io.tasker.task;

import java.util.List;

/** A task with its execution context and its steps' readiness: what {@code GET /v1/tasks/{uuid}} shows. */
public record TaskDetail(TaskView task, ExecutionContext context, List<StepDetail> steps) {

    public TaskDetail {
        steps = List.copyOf(steps);
    }
}
