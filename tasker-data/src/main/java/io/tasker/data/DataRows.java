package io.tasker.data;

import io.tasker.json.Json;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** Conversions between the {@code tasker_data} columns ({@code timestamptz}, {@code text[]}, jsonb) and Java. */
public final class DataRows {

    private DataRows() {
    }

    /** An instant bound for a {@code timestamptz} column, whatever the session's time zone. */
    public static OffsetDateTime tz(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    public static Instant instant(ResultSet row, String column) throws SQLException {
        return row.getObject(column, OffsetDateTime.class).toInstant();
    }

    public static Optional<Instant> optionalInstant(ResultSet row, String column) throws SQLException {
        return Optional.ofNullable(row.getObject(column, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
    }

    public static List<String> texts(ResultSet row, String column) throws SQLException {
        Array array = row.getArray(column);
        return array == null ? List.of() : Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
    }

    public static JsonNode json(ResultSet row, String column) throws SQLException {
        String text = row.getString(column);
        return text == null ? tools.jackson.databind.node.NullNode.getInstance() : Json.parse(text);
    }
}
