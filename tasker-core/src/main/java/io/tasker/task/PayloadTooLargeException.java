package io.tasker.task;

import io.tasker.InvalidInputException;

/** An input larger than its configured limit (HTTP 413). */
public class PayloadTooLargeException extends InvalidInputException {

    public PayloadTooLargeException(String message) {
        super(message);
    }
}
