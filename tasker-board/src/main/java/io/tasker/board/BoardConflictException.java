package io.tasker.board;

import io.tasker.ConflictException;
import java.util.List;
import java.util.Optional;

/**
 * A change the task's state does not allow (409): a claim lost to another agent ({@link #holder()}), completing
 * while a dependency is open, a dependency that would close a cycle ({@link #cycle()}), ...
 */
public class BoardConflictException extends ConflictException {

    private final Optional<String> holder;
    private final List<String> cycle;

    public BoardConflictException(String message) {
        this(message, Optional.empty(), List.of());
    }

    private BoardConflictException(String message, Optional<String> holder, List<String> cycle) {
        super(message);
        this.holder = holder;
        this.cycle = List.copyOf(cycle);
    }

    /** The task is held by {@code holder}. */
    public static BoardConflictException heldBy(String message, String holder) {
        return new BoardConflictException(message, Optional.of(holder), List.of());
    }

    /** The dependency would close {@code cycle} (task ids, first and last the same). */
    public static BoardConflictException cycle(String message, List<String> cycle) {
        return new BoardConflictException(message, Optional.empty(), cycle);
    }

    public Optional<String> holder() {
        return holder;
    }

    public List<String> cycle() {
        return cycle;
    }
}
