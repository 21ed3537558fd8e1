package io.tasker.board;

import static io.tasker.board.TaskStatus.BLOCKED;
import static io.tasker.board.TaskStatus.CANCELLED;
import static io.tasker.board.TaskStatus.COMPLETED;
import static io.tasker.board.TaskStatus.IN_PROGRESS;
import static io.tasker.board.TaskStatus.PENDING;

import java.util.Map;
import java.util.Optional;

/**
 * The one table of allowed status changes of a board task. Every way of changing a status (the CLI's
 * {@code complete} and {@code update --status}, the REST calls, the MCP tools, the workflow step) goes through it.
 */
public final class BoardTransitions {

    /** What happens to a task. */
    public enum Event {
        /** An agent takes a ready task (or one whose lease lapsed). */
        CLAIM,
        /** The holder gives the task back. */
        RELEASE,
        /** The holder's lease lapsed. */
        EXPIRE,
        /** The work is done (not while a dependency is open). */
        COMPLETE,
        /** The work is abandoned. */
        CANCEL,
        /** A dependency that is still open was added. */
        BLOCK,
        /** The last open dependency was completed or removed. */
        UNBLOCK
    }

    private static final Map<TaskStatus, Map<Event, TaskStatus>> TABLE = Map.of(
            PENDING, Map.of(Event.CLAIM, IN_PROGRESS, Event.COMPLETE, COMPLETED, Event.CANCEL, CANCELLED,
                    Event.BLOCK, BLOCKED),
            IN_PROGRESS, Map.of(Event.CLAIM, IN_PROGRESS, Event.RELEASE, PENDING, Event.EXPIRE, PENDING,
                    Event.COMPLETE, COMPLETED, Event.CANCEL, CANCELLED),
            BLOCKED, Map.of(Event.UNBLOCK, PENDING, Event.CANCEL, CANCELLED, Event.BLOCK, BLOCKED),
            COMPLETED, Map.of(),
            CANCELLED, Map.of());

    private BoardTransitions() {
    }

    /** The status after {@code event}, or empty when the event is not allowed in {@code from}. */
    public static Optional<TaskStatus> next(TaskStatus from, Event event) {
        return Optional.ofNullable(TABLE.get(from).get(event));
    }

    public static boolean allows(TaskStatus from, Event event) {
        return next(from, event).isPresent();
    }
}
