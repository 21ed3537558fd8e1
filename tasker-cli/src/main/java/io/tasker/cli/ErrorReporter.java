package io.tasker.cli;

import io.tasker.InvalidInputException;
import io.tasker.NotFoundException;
import io.tasker.TaskerException;
import io.tasker.cli.client.ClientException;
import io.tasker.db.DatabaseException;
import picocli.CommandLine;

/**
 * Prints a failed command's error as one line on stderr ({@code tasker: ...}) and picks its exit code. Stack traces
 * only with {@code TASKER_DEBUG=1}, for bug reports.
 */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception failure, CommandLine commandLine,
                                        CommandLine.ParseResult parseResult) {
        String message = failure instanceof TaskerException ? failure.getMessage()
                : "unexpected error: " + failure.getClass().getSimpleName()
                + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
        commandLine.getErr().println("tasker: " + firstLine(message));
        if ("1".equals(System.getenv("TASKER_DEBUG"))) {
            failure.printStackTrace(commandLine.getErr());
        }
        return exitCode(failure);
    }

    static int exitCode(Throwable failure) {
        if (failure instanceof ClientException refused) {
            return switch (refused.status()) {
                case 404 -> ExitCodes.NOT_FOUND;
                case 400, 413, 415 -> ExitCodes.USAGE;
                case 409 -> ExitCodes.CONFLICT;
                case 401, 403 -> ExitCodes.DENIED;
                case ClientException.UNREACHABLE, 503 -> ExitCodes.UNAVAILABLE;
                default -> ExitCodes.FAILURE;
            };
        }
        if (failure instanceof DatabaseException) {
            return ExitCodes.UNAVAILABLE;
        }
        if (failure instanceof InvalidInputException) {
            return ExitCodes.USAGE;
        }
        if (failure instanceof NotFoundException) {
            return ExitCodes.NOT_FOUND;
        }
        if (failure instanceof io.tasker.ConflictException) {
            return ExitCodes.CONFLICT;
        }
        return ExitCodes.FAILURE;
    }

    private static String firstLine(String message) {
        return message.strip().lines().findFirst().orElse(message);
    }
}
