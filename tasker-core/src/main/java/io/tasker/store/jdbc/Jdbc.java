package io.tasker.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The one JDBC helper: runs work in a transaction (committing, or rolling back on any exception) and single
 * statements outside one. It knows nothing about workflows.
 */
public final class Jdbc {

    private static final int TRANSIENT_RETRIES = 5;
    private static final java.util.concurrent.atomic.AtomicLong TRANSIENT_FAILURES =
            new java.util.concurrent.atomic.AtomicLong();
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Jdbc.class);

    private final DataSource dataSource;

    public Jdbc(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Deadlocks and serialization failures seen (and retried) in this JVM since it started. */
    public static long transientFailures() {
        return TRANSIENT_FAILURES.get();
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * Runs {@code work} in one transaction. A deadlock or serialization failure rolls back and runs the work again
     * (a few times), so {@code work} must not have side effects outside the transaction.
     */
    public <T> T inTransaction(Function<Tx, T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return runOnce(work);
            } catch (DataAccessException e) {
                if (!e.isTransient() || attempt >= TRANSIENT_RETRIES) {
                    throw e;
                }
                TRANSIENT_FAILURES.incrementAndGet();
                log.warn("Transaction rolled back by PostgreSQL (SQLSTATE {}); running it again", e.sqlState());
            }
        }
    }

    public void runInTransaction(Consumer<Tx> work) {
        inTransaction(tx -> {
            work.accept(tx);
            return null;
        });
    }

    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... parameters) {
        return withConnection(tx -> tx.query(sql, mapper, parameters));
    }

    public <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... parameters) {
        return withConnection(tx -> tx.queryOne(sql, mapper, parameters));
    }

    public int update(String sql, Object... parameters) {
        return withConnection(tx -> tx.update(sql, parameters));
    }

    /** Autocommit statements on one pooled connection. */
    public <T> T withConnection(Function<Tx, T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.apply(new Tx(connection));
        } catch (SQLException e) {
            throw new DataAccessException("could not get a database connection", e);
        }
    }

    private <T> T runOnce(Function<Tx, T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.apply(new Tx(connection));
                connection.commit();
                return result;
            } catch (RuntimeException | Error e) {
                rollbackQuietly(connection, e);
                throw e;
            } catch (SQLException e) {
                rollbackQuietly(connection, e);
                throw new DataAccessException("commit failed", e);
            }
        } catch (SQLException e) {
            throw new DataAccessException("could not get a database connection", e);
        }
    }

    private static void rollbackQuietly(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
        }
    }
}
