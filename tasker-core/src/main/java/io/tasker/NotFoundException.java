package io.tasker;

/** The named task, step, template or entry does not exist (HTTP 404, CLI exit code 3). */
public class NotFoundException extends TaskerException {

    public NotFoundException(String message) {
        super(message);
    }
}
