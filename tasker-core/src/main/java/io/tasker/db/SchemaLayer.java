package io.tasker.db;

/**
 * A layer built on the core (data pipelines, the board) that keeps its tables in a schema of its own, with its own
 * Flyway migrations and history table. Layers on the class path are found with {@link java.util.ServiceLoader}
 * (a {@code META-INF/services/io.tasker.db.SchemaLayer} file) and migrated after the core schema, so whatever
 * migrates the core (the server, {@code tasker db migrate}, the test database) migrates them too.
 */
public interface SchemaLayer {

    /** The schema, e.g. {@code tasker_data}; also where the layer's Flyway history table lives. */
    String schema();

    /** The migrations' location, e.g. {@code classpath:db/tasker_data} (never under {@code db/migration}). */
    String location();
}
