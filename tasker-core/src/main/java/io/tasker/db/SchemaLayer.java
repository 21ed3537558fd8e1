package io.tasker.db;

/**
 * A layer built on the core (the board, the data pipelines) that keeps its tables in a schema of its own, with its
 * own migrations and its own Flyway history table in that schema. A layer module names its implementation in
 * {@code META-INF/services/io.tasker.db.SchemaLayer}; {@link Migrations#migrate} finds every layer on the class path
 * and migrates it after the core, so the server, {@code tasker db migrate} and the test database all migrate the
 * layers without knowing them (the core never depends on a layer).
 */
public interface SchemaLayer {

    /** The layer's schema, e.g. {@code tasker_board}; its Flyway history table lives there too. */
    String schema();

    /** Where its migrations are, e.g. {@code classpath:db/tasker_board} (never under {@code db/migration}). */
    String location();

    /** The title of the schema's documentation page. */
    default String title() {
        return "Schema " + schema();
    }

    /** The opening paragraph of the schema's documentation page (Markdown). */
    default String description() {
        return "The `" + schema() + "` schema.\n";
    }
}
