package io.tasker.store.jdbc;

import io.tasker.TaskerException;
import java.sql.SQLException;
import java.util.Optional;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * A statement failed. Carries the SQLSTATE and, for constraint violations, the constraint name, so callers can
 * turn known violations into domain errors; the message never reaches API clients.
 */
public class DataAccessException extends TaskerException {

    public static final String UNIQUE_VIOLATION = "23505";
    public static final String FOREIGN_KEY_VIOLATION = "23503";
    public static final String CHECK_VIOLATION = "23514";
    public static final String SERIALIZATION_FAILURE = "40001";
    public static final String DEADLOCK_DETECTED = "40P01";

    private final String sqlState;
    private final Optional<String> constraint;

    public DataAccessException(String message, SQLException cause) {
        super(message + ": " + cause.getMessage(), cause);
        this.sqlState = cause.getSQLState() == null ? "" : cause.getSQLState();
        this.constraint = constraintOf(cause);
    }

    public String sqlState() {
        return sqlState;
    }

    public Optional<String> constraint() {
        return constraint;
    }

    public boolean isUniqueViolation(String constraintName) {
        return UNIQUE_VIOLATION.equals(sqlState) && constraint.filter(constraintName::equals).isPresent();
    }

    /** Deadlocks and serialization failures: the transaction can simply be run again. */
    public boolean isTransient() {
        return SERIALIZATION_FAILURE.equals(sqlState) || DEADLOCK_DETECTED.equals(sqlState);
    }

    private static Optional<String> constraintOf(SQLException cause) {
        if (cause instanceof PSQLException psql) {
            ServerErrorMessage server = psql.getServerErrorMessage();
            if (server != null) {
                return Optional.ofNullable(server.getConstraint());
            }
        }
        return Optional.empty();
    }
}
