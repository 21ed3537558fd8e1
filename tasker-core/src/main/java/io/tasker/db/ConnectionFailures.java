package io.tasker.db;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;

/** Turns a failed connection attempt into one line that says what to check, without SQL or stack traces. */
final class ConnectionFailures {

    private ConnectionFailures() {
    }

    static DatabaseException describe(SQLException failure, ConnectionUrl url) {
        String where = url.redacted();
        String state = failure.getSQLState() == null ? "" : failure.getSQLState();
        String message = switch (state) {
            case "28P01", "28000" -> "authentication failed for user '" + url.user().orElse("(none)")
                    + "' at " + where + ": check the user name and password";
            case "3D000" -> "the database in " + where + " does not exist";
            case "53300" -> "PostgreSQL at " + where + " refused the connection: too many clients";
            case "57P03" -> "PostgreSQL at " + where + " is starting up or shutting down; try again shortly";
            default -> state.startsWith("08") || networkCause(failure) != null
                    ? "cannot reach PostgreSQL at " + where + ": " + networkReason(failure)
                    : "cannot connect to PostgreSQL at " + where + " (SQLSTATE " + state + ")";
        };
        return new DatabaseException(message, failure);
    }

    private static String networkReason(SQLException failure) {
        Throwable cause = networkCause(failure);
        if (cause instanceof ConnectException) {
            return "connection refused (is the server running and accepting TCP connections?)";
        }
        if (cause instanceof UnknownHostException) {
            return "unknown host " + cause.getMessage();
        }
        if (cause instanceof SocketTimeoutException) {
            return "connection timed out";
        }
        if (cause instanceof NoRouteToHostException) {
            return "no route to host";
        }
        return "the connection attempt failed";
    }

    private static Throwable networkCause(Throwable failure) {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof java.io.IOException) {
                return t;
            }
        }
        return null;
    }
}
