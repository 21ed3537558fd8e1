package io.tasker.store;

import io.tasker.state.IllegalTransitionException;

/**
 * A compare-and-set on a state lost: another process changed the task or step first. The transaction is rolled
 * back; nothing is applied twice.
 */
public class ConcurrentStateChangeException extends IllegalTransitionException {

    public ConcurrentStateChangeException(String message) {
        super(message);
    }
}
