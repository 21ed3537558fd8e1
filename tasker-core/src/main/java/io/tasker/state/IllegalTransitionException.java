package io.tasker.state;

import io.tasker.TaskerException;

/** A state change the machine does not allow, or one that lost a race with a concurrent change (HTTP 409). */
public class IllegalTransitionException extends TaskerException {

    public IllegalTransitionException(String message) {
        super(message);
    }
}
