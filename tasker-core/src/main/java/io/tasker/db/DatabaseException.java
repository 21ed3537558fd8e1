package io.tasker.db;

import io.tasker.TaskerException;

/** A database could not be reached, used or migrated. The message is one line fit for a terminal. */
public class DatabaseException extends TaskerException {

    public DatabaseException(String message) {
        super(message);
    }

    public DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
