package io.tasker.db;

/**
 * A PostgreSQL server version as reported by {@code server_version_num} (e.g. 180001) and {@code server_version}.
 */
public record ServerVersion(int number, String text) {

    /** Tasker needs PostgreSQL 17 or newer (UUIDv7 by our own function on 17, natively on 18). */
    public static final int MINIMUM = 170000;

    /** Asks the server behind {@code dataSource}. */
    public static ServerVersion of(javax.sql.DataSource dataSource) {
        try (java.sql.Connection connection = dataSource.getConnection();
             java.sql.Statement statement = connection.createStatement();
             java.sql.ResultSet row = statement.executeQuery(
                     "SELECT current_setting('server_version_num')::int, current_setting('server_version')")) {
            row.next();
            return new ServerVersion(row.getInt(1), row.getString(2).split(" ")[0]);
        } catch (java.sql.SQLException e) {
            throw new DatabaseException("cannot read the PostgreSQL version: " + e.getMessage(), e);
        }
    }

    public int major() {
        return number / 10000;
    }

    public boolean isSupported() {
        return number >= MINIMUM;
    }

    /** Throws a one-line refusal when the server is older than {@link #MINIMUM}. */
    public void requireSupported() {
        if (!isSupported()) {
            throw new DatabaseException("PostgreSQL " + text + " is not supported: Tasker needs PostgreSQL "
                    + MINIMUM / 10000 + " or newer");
        }
    }
}
