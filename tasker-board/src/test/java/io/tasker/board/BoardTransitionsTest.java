package io.tasker.board;

import static io.tasker.board.BoardTransitions.Event.BLOCK;
import static io.tasker.board.BoardTransitions.Event.CANCEL;
import static io.tasker.board.BoardTransitions.Event.CLAIM;
import static io.tasker.board.BoardTransitions.Event.COMPLETE;
import static io.tasker.board.BoardTransitions.Event.EXPIRE;
import static io.tasker.board.BoardTransitions.Event.RELEASE;
import static io.tasker.board.BoardTransitions.Event.UNBLOCK;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The table of allowed status changes, on its own. */
class BoardTransitionsTest {

    @Test
    void a_pending_task_is_claimed_completed_cancelled_or_blocked() {
        assertThat(BoardTransitions.next(TaskStatus.PENDING, CLAIM)).contains(TaskStatus.IN_PROGRESS);
        assertThat(BoardTransitions.next(TaskStatus.PENDING, COMPLETE)).contains(TaskStatus.COMPLETED);
        assertThat(BoardTransitions.next(TaskStatus.PENDING, CANCEL)).contains(TaskStatus.CANCELLED);
        assertThat(BoardTransitions.next(TaskStatus.PENDING, BLOCK)).contains(TaskStatus.BLOCKED);
        assertThat(BoardTransitions.allows(TaskStatus.PENDING, RELEASE)).isFalse();
    }

    @Test
    void a_blocked_task_cannot_be_claimed_or_completed_only_unblocked_or_cancelled() {
        assertThat(BoardTransitions.allows(TaskStatus.BLOCKED, CLAIM)).isFalse();
        assertThat(BoardTransitions.allows(TaskStatus.BLOCKED, COMPLETE)).isFalse();
        assertThat(BoardTransitions.next(TaskStatus.BLOCKED, UNBLOCK)).contains(TaskStatus.PENDING);
        assertThat(BoardTransitions.next(TaskStatus.BLOCKED, CANCEL)).contains(TaskStatus.CANCELLED);
    }

    @Test
    void an_in_progress_task_goes_back_to_pending_when_released_or_its_lease_lapses() {
        assertThat(BoardTransitions.next(TaskStatus.IN_PROGRESS, RELEASE)).contains(TaskStatus.PENDING);
        assertThat(BoardTransitions.next(TaskStatus.IN_PROGRESS, EXPIRE)).contains(TaskStatus.PENDING);
        assertThat(BoardTransitions.next(TaskStatus.IN_PROGRESS, COMPLETE)).contains(TaskStatus.COMPLETED);
    }

    @Test
    void completed_and_cancelled_are_final() {
        for (BoardTransitions.Event event : BoardTransitions.Event.values()) {
            assertThat(BoardTransitions.allows(TaskStatus.COMPLETED, event)).as(event.name()).isFalse();
            assertThat(BoardTransitions.allows(TaskStatus.CANCELLED, event)).as(event.name()).isFalse();
        }
    }
}
