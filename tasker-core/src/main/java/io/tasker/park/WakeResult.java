package io.tasker.park;

import java.util.Optional;
import java.util.UUID;

/**
 * What waking by a key did.
 *
 * @param stepUuid the step it woke ({@link Status#WOKE} only)
 */
public record WakeResult(Status status, Optional<UUID> stepUuid) {

    public enum Status {
        /** A step waited on the key: it completed or failed as asked. */
        WOKE,
        /** No step waits on the key yet: the event is kept and wakes the first step that parks on it. */
        KEPT,
        /** No step waits on the key and an earlier event for it is kept already: this one was dropped. */
        DUPLICATE,
        /** The task has finished: nothing will wait on the key any more, and nothing was kept. */
        TASK_FINISHED
    }

    static WakeResult woke(UUID stepUuid) {
        return new WakeResult(Status.WOKE, Optional.of(stepUuid));
    }

    static WakeResult of(Status status) {
        return new WakeResult(status, Optional.empty());
    }
}
