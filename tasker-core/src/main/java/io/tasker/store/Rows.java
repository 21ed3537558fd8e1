package io.tasker.store;

import io.tasker.json.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import tools.jackson.databind.JsonNode;

/** Column readers for the types the engine stores: UTC timestamps as {@link Instant}, jsonb as {@link JsonNode}. */
public final class Rows {

    private Rows() {
    }

    /** A {@code timestamp} column (UTC) as an instant; null stays null. */
    public static Instant instant(ResultSet row, String column) throws SQLException {
        LocalDateTime value = row.getObject(column, LocalDateTime.class);
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }

    /** A jsonb column; SQL NULL gives null. */
    public static JsonNode json(ResultSet row, String column) throws SQLException {
        String text = row.getString(column);
        return text == null ? null : Json.parse(text);
    }
}
