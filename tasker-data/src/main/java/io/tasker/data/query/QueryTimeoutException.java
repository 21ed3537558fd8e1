package io.tasker.data.query;

import io.tasker.InvalidInputException;

/** A query cancelled at the time limit (400: make it cheaper, or ask for less). */
public final class QueryTimeoutException extends InvalidInputException {

    public QueryTimeoutException(String message) {
        super(message);
    }
}
