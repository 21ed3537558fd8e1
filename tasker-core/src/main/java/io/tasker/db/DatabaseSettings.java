package io.tasker.db;

import io.tasker.InvalidInputException;

/**
 * How to reach the database.
 *
 * @param target          embedded server or external URL
 * @param maximumPoolSize connections in the pool shared by the API, the workers and the scheduler
 */
public record DatabaseSettings(DatabaseTarget target, int maximumPoolSize) {

    public static final int DEFAULT_POOL_SIZE = 10;

    public DatabaseSettings {
        if (maximumPoolSize < 2 || maximumPoolSize > 1000) {
            throw new InvalidInputException("invalid database pool size " + maximumPoolSize + ": expected 2 to 1000");
        }
    }

    public static DatabaseSettings of(DatabaseTarget target) {
        return new DatabaseSettings(target, DEFAULT_POOL_SIZE);
    }
}
