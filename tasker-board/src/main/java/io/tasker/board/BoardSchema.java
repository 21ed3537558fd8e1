package io.tasker.board;

import io.tasker.db.SchemaLayer;

/** The board's schema and migrations; the core's {@code Migrations} finds this through its service file. */
public final class BoardSchema implements SchemaLayer {

    public static final String SCHEMA = "tasker_board";
    public static final String LOCATION = "classpath:db/tasker_board";

    @Override
    public String schema() {
        return SCHEMA;
    }

    @Override
    public String location() {
        return LOCATION;
    }

    @Override
    public String title() {
        return "Database Schema: the board (tasker_board)";
    }

    @Override
    public String description() {
        return """
                The coordination board keeps its tables in the `tasker_board` schema, beside the core's `tasker` schema
                in the same PostgreSQL database, with its own Flyway history (`tasker_board.flyway_schema_history`).
                Every row belongs to an org (`tasker.orgs`); agents act for users (`tasker.users`). Task ids are 8
                lower-case hex characters; the other ids are identity columns. Times are `timestamptz`. See
                [board.md](board.md).
                """;
    }
}
