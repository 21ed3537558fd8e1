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
}
