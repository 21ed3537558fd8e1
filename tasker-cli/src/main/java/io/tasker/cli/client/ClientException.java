package io.tasker.cli.client;

import io.tasker.TaskerException;
import java.util.List;

/**
 * The Tasker server refused a request, or could not be reached. {@link #status()} is the HTTP status, or 0 when no
 * answer came; {@link #errorCode()} is the server's {@code error} field ({@code not_found}, {@code conflict}, ...);
 * the message is the server's {@code message}, one line, fit for the person at the terminal.
 */
public class ClientException extends TaskerException {

    /** The status of a request that got no answer (connection refused, unknown host, timeout). */
    public static final int UNREACHABLE = 0;

    private final int status;
    private final String errorCode;
    private final List<String> problems;

    public ClientException(int status, String errorCode, String message) {
        this(status, errorCode, message, List.of());
    }

    public ClientException(int status, String errorCode, String message, List<String> problems) {
        super(message);
        this.status = status;
        this.errorCode = errorCode;
        this.problems = List.copyOf(problems);
    }

    /** A request that got no answer; {@code reason} says why (e.g. "connection refused"). */
    static ClientException unreachable(String baseUrl, String reason, Throwable cause) {
        ClientException failure = new ClientException(UNREACHABLE, "unreachable",
                "cannot reach the Tasker server at " + baseUrl + ": " + reason);
        failure.initCause(cause);
        return failure;
    }

    public int status() {
        return status;
    }

    public String errorCode() {
        return errorCode;
    }

    /** For {@code invalid_template}: every problem the server found, each on its own; otherwise empty. */
    public List<String> problems() {
        return problems;
    }
}
