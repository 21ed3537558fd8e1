package io.tasker.data;

import io.tasker.db.SchemaLayer;

/** The {@code tasker_data} schema, migrated after the core by whatever migrates the core. */
public final class DataSchemaLayer implements SchemaLayer {

    public static final String SCHEMA = "tasker_data";

    @Override
    public String schema() {
        return SCHEMA;
    }

    @Override
    public String location() {
        return "classpath:db/tasker_data";
    }
}
