package io.tasker.board;

import java.util.List;

/**
 * A task with what surrounds it: what it waits for and what waits for it (with their statuses), its files and
 * its participants.
 */
public record TaskDetail(BoardTask task, List<Link> dependsOn, List<Link> dependents, List<FileRef> files,
                         List<String> participants) {

    /** Another task, as seen from this one. */
    public record Link(String id, String title, TaskStatus status) {
    }

    public TaskDetail {
        dependsOn = List.copyOf(dependsOn);
        dependents = List.copyOf(dependents);
        files = List.copyOf(files);
        participants = List.copyOf(participants);
    }
}
