package io.tasker.store.jdbc;

import io.tasker.json.Json;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.postgresql.util.PGobject;
import tools.jackson.databind.JsonNode;

/**
 * Statements on one connection, usually inside a transaction opened by {@link Jdbc}. Parameters are always bound,
 * never spliced into SQL: UUIDs, strings, numbers, booleans, {@link LocalDateTime} (UTC), {@link Instant},
 * {@link JsonNode} (as jsonb), enums (as their lower-case name) and {@link SqlArray}.
 */
public final class Tx {

    private final Connection connection;

    Tx(Connection connection) {
        this.connection = connection;
    }

    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... parameters) {
        try (PreparedStatement statement = prepare(sql, parameters);
             ResultSet rows = statement.executeQuery()) {
            List<T> result = new ArrayList<>();
            while (rows.next()) {
                result.add(mapper.map(rows));
            }
            return result;
        } catch (SQLException e) {
            throw new DataAccessException("query failed", e);
        }
    }

    public <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... parameters) {
        List<T> rows = query(sql, mapper, parameters);
        if (rows.size() > 1) {
            throw new IllegalStateException("expected at most one row, got " + rows.size());
        }
        return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
    }

    /** Runs an INSERT, UPDATE or DELETE and returns the number of rows it touched. */
    public int update(String sql, Object... parameters) {
        try (PreparedStatement statement = prepare(sql, parameters)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException("update failed", e);
        }
    }

    /** Runs one statement per parameter row in a single JDBC batch. */
    public int[] batch(String sql, List<Object[]> parameterRows) {
        if (parameterRows.isEmpty()) {
            return new int[0];
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (Object[] row : parameterRows) {
                bind(statement, row);
                statement.addBatch();
            }
            return statement.executeBatch();
        } catch (SQLException e) {
            SQLException cause = e.getNextException() != null ? e.getNextException() : e;
            throw new DataAccessException("batch failed", cause);
        }
    }

    public Connection connection() {
        return connection;
    }

    private PreparedStatement prepare(String sql, Object[] parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            bind(statement, parameters);
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    private void bind(PreparedStatement statement, Object[] parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            bindOne(statement, i + 1, parameters[i]);
        }
    }

    private void bindOne(PreparedStatement statement, int index, Object value) throws SQLException {
        switch (value) {
            case null -> statement.setNull(index, Types.NULL);
            case Instant instant -> statement.setObject(index, LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
            case JsonNode json -> statement.setObject(index, jsonb(json));
            case SqlArray array -> statement.setArray(index, array(array));
            case Enum<?> constant -> statement.setObject(index, constant.name().toLowerCase(Locale.ROOT), Types.OTHER);
            case Optional<?> optional -> bindOne(statement, index, optional.orElse(null));
            case Timestamp timestamp -> statement.setTimestamp(index, timestamp);
            default -> statement.setObject(index, value);
        }
    }

    private Array array(SqlArray array) throws SQLException {
        return connection.createArrayOf(array.elementType(), array.elements());
    }

    static PGobject jsonb(JsonNode json) throws SQLException {
        PGobject object = new PGobject();
        object.setType("jsonb");
        object.setValue(Json.write(json));
        return object;
    }
}
