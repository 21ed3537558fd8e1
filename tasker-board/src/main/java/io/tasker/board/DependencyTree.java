package io.tasker.board;

import java.util.List;

/**
 * A task and what it waits for (or, reversed, what waits for it), recursively. A task reached twice (a diamond)
 * appears in full the first time and as {@code repeated} after that.
 */
public record DependencyTree(String id, String title, TaskStatus status, boolean repeated,
                             List<DependencyTree> children) {

    public DependencyTree {
        children = List.copyOf(children);
    }
}
