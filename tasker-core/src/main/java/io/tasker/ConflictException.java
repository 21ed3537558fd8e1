package io.tasker;

/** The request conflicts with what exists: a duplicate task, different content under a registered version (409). */
public class ConflictException extends TaskerException {

    public ConflictException(String message) {
        super(message);
    }
}
