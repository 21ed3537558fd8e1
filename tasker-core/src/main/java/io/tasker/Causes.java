package io.tasker;

/**
 * What went wrong, as one line for a person: many exceptions (a refused connection, an interrupted thread) carry no
 * message, and "cannot reach x: null" tells nobody anything.
 */
public final class Causes {

    private Causes() {
    }

    /**
     * The first message down the cause chain, after the simple class name of the exception that carries it (e.g.
     * {@code ConnectException: Connection refused}); the outermost class name alone when none has a message.
     */
    public static String describe(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage();
            if (message != null && !message.isBlank() && !message.equals("null")) {
                return cause.getClass().getSimpleName() + ": " + message.strip();
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return failure.getClass().getSimpleName();
    }
}
