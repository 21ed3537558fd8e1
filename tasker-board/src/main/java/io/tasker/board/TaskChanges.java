package io.tasker.board;

import java.util.List;
import java.util.Optional;

/**
 * What {@code update} changes; absent fields stay as they are. A status goes through the same path as its own
 * command: {@code completed} is {@code complete}, {@code cancelled} is {@code cancel}, {@code in_progress} is a
 * claim, {@code pending} is a release. {@code blocked} cannot be set: only dependencies block.
 *
 * @param summary the completion summary or cancellation reason that goes with a status
 * @param files   file references to add
 */
public record TaskChanges(Optional<String> title, Optional<String> description, Optional<Priority> priority,
                          Optional<String> assignee, Optional<TaskStatus> status, Optional<String> summary,
                          List<FileRef> files) {

    public TaskChanges {
        title.ifPresent(NewTask::requireTitle);
        description.ifPresent(NewTask::requireDescription);
        assignee.ifPresent(Agents::requireName);
        files = List.copyOf(files);
        if (status.filter(s -> s == TaskStatus.BLOCKED).isPresent()) {
            throw new io.tasker.InvalidInputException("status: blocked cannot be set by hand; a task is blocked while"
                    + " a dependency is open (tasker board dep add)");
        }
    }

    public static TaskChanges none() {
        return new TaskChanges(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), List.of());
    }

    public TaskChanges withStatus(TaskStatus value) {
        return new TaskChanges(title, description, priority, assignee, Optional.of(value), summary, files);
    }

    public TaskChanges withPriority(Priority value) {
        return new TaskChanges(title, description, Optional.of(value), assignee, status, summary, files);
    }

    public TaskChanges withSummary(String value) {
        return new TaskChanges(title, description, priority, assignee, status, Optional.of(value), files);
    }
}
