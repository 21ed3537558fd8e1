package io.tasker;

/**
 * Root of every exception Tasker throws on purpose. Messages are written for the person reading them: they name
 * the task, step or setting involved and never contain SQL text.
 */
public class TaskerException extends RuntimeException {

    public TaskerException(String message) {
        super(message);
    }

    public TaskerException(String message, Throwable cause) {
        super(message, cause);
    }
}
