package io.tasker.db;

/**
 * A PostgreSQL server version as reported by {@code server_version_num} (e.g. 180001) and {@code server_version}.
 */
public record ServerVersion(int number, String text) {

    /** Tasker needs PostgreSQL 17 or newer (UUIDv7 by our own function on 17, natively on 18). */
    public static final int MINIMUM = 170000;

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
