package io.tasker.board;

import io.tasker.InvalidInputException;
import java.util.List;
import java.util.Optional;

/**
 * What a task is created with.
 *
 * @param dependsOn ids of tasks it waits for (it starts blocked while one of them is open)
 * @param requestId the creator's id for this request: creating again with it returns the first task
 */
public record NewTask(String title, Optional<String> description, Priority priority, Optional<String> assignee,
                      List<String> dependsOn, List<FileRef> files, Optional<String> requestId,
                      Optional<String> role) {

    public static final int MAX_TITLE = 500;
    public static final int MAX_DESCRIPTION = 20_000;

    public NewTask {
        requireTitle(title);
        description = description.filter(d -> !d.isBlank());
        description.ifPresent(NewTask::requireDescription);
        assignee.ifPresent(Agents::requireName);
        dependsOn = List.copyOf(dependsOn);
        files = List.copyOf(files);
        requestId.ifPresent(ContextLog::requireRequestId);
        role.ifPresent(Agents::requireName);
    }

    /** A medium-priority task with only a title. */
    public static NewTask titled(String title) {
        return new NewTask(title, Optional.empty(), Priority.MEDIUM, Optional.empty(), List.of(), List.of(),
                Optional.empty(), Optional.empty());
    }

    public NewTask withPriority(Priority value) {
        return new NewTask(title, description, value, assignee, dependsOn, files, requestId, role);
    }

    public NewTask withAssignee(String value) {
        return new NewTask(title, description, priority, Optional.of(value), dependsOn, files, requestId, role);
    }

    public NewTask withDescription(String value) {
        return new NewTask(title, Optional.of(value), priority, assignee, dependsOn, files, requestId, role);
    }

    public NewTask dependingOn(String... ids) {
        return new NewTask(title, description, priority, assignee, List.of(ids), files, requestId, role);
    }

    public NewTask withFiles(FileRef... refs) {
        return new NewTask(title, description, priority, assignee, dependsOn, List.of(refs), requestId, role);
    }

    public NewTask withRequestId(String value) {
        return new NewTask(title, description, priority, assignee, dependsOn, files, Optional.of(value), role);
    }

    public NewTask forRole(String value) {
        return new NewTask(title, description, priority, assignee, dependsOn, files, requestId, Optional.of(value));
    }

    static void requireTitle(String title) {
        if (title == null || title.isBlank()) {
            throw new InvalidInputException("title: is required");
        }
        if (title.length() > MAX_TITLE) {
            throw new InvalidInputException("title: must be at most " + MAX_TITLE + " characters");
        }
    }

    static void requireDescription(String description) {
        if (description.length() > MAX_DESCRIPTION) {
            throw new InvalidInputException("description: must be at most " + MAX_DESCRIPTION + " characters");
        }
    }
}
