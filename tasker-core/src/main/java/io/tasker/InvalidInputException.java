package io.tasker;

/**
 * Input from a caller (a setting, a template, a request) is not acceptable. The message names the offending field
 * and what was expected. The API maps it to HTTP 400 and the CLI to exit code 2.
 */
public class InvalidInputException extends TaskerException {

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
