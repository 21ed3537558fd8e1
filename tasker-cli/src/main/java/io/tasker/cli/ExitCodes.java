package io.tasker.cli;

/** Exit codes of the {@code tasker} command, so scripts can tell failures apart. */
public final class ExitCodes {
    public static final int OK = 0;
    /** Something failed that is not one of the cases below. */
    public static final int FAILURE = 1;
    /** Invalid input: unknown option, bad value, invalid template or request. */
    public static final int USAGE = 2;
    /** The named task, step, template or entry does not exist. */
    public static final int NOT_FOUND = 3;
    /** The database or the Tasker server could not be reached, or is not supported. */
    public static final int UNAVAILABLE = 4;
    /** The server refused a change the state does not allow: a duplicate task, a finished task or step. */
    public static final int CONFLICT = 5;
    /** The server refused the credentials: none given, not valid, or lacking the permission. */
    public static final int DENIED = 6;
    /** {@code task create --wait}: the task ended in {@code error} or was {@code cancelled}. */
    public static final int TASK_FAILED = 7;

    private ExitCodes() {
    }
}
