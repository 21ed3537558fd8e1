package io.tasker.store.rows;

import io.tasker.json.Json;
import io.tasker.store.jdbc.RowMapper;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/** Maps a row to a {@link Table} record by column name: component {@code namedTaskUuid} reads {@code named_task_uuid}. */
public final class RecordRowMapper<R extends Record> implements RowMapper<R> {

    private static final Map<Class<?>, RecordRowMapper<?>> CACHE = new ConcurrentHashMap<>();

    private final Class<R> type;
    private final RecordComponent[] components;
    private final String[] columns;
    private final Constructor<R> constructor;

    private RecordRowMapper(Class<R> type) {
        this.type = type;
        this.components = type.getRecordComponents();
        this.columns = Arrays.stream(components).map(c -> columnName(c.getName())).toArray(String[]::new);
        try {
            this.constructor = type.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("record " + type.getName() + " has no canonical constructor", e);
        }
    }

    @SuppressWarnings("unchecked")
    public static <R extends Record> RecordRowMapper<R> of(Class<R> type) {
        return (RecordRowMapper<R>) CACHE.computeIfAbsent(type, t -> new RecordRowMapper<>(type));
    }

    /** {@code namedTaskUuid} becomes {@code named_task_uuid}. */
    public static String columnName(String componentName) {
        StringBuilder column = new StringBuilder(componentName.length() + 8);
        for (char c : componentName.toCharArray()) {
            if (Character.isUpperCase(c)) {
                column.append('_').append(Character.toLowerCase(c));
            } else {
                column.append(c);
            }
        }
        return column.toString();
    }

    @Override
    public R map(ResultSet row) throws SQLException {
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            values[i] = read(row, columns[i], components[i].getType());
        }
        try {
            return constructor.newInstance(values);
        } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot build " + type.getSimpleName() + " from a row", e);
        }
    }

    private static Object read(ResultSet row, String column, Class<?> javaType) throws SQLException {
        if (javaType == boolean.class) {
            return row.getBoolean(column);
        }
        if (javaType == int.class) {
            return row.getInt(column);
        }
        if (javaType == long.class) {
            return row.getLong(column);
        }
        if (javaType == JsonNode.class) {
            String text = row.getString(column);
            return text == null ? null : Json.parse(text);
        }
        if (javaType.isEnum()) {
            String label = row.getString(column);
            return label == null ? null : enumConstant(javaType, label);
        }
        if (javaType == UUID.class || javaType == LocalDateTime.class || javaType == OffsetDateTime.class || javaType == Integer.class
                || javaType == Long.class || javaType == Boolean.class || javaType == String.class) {
            return row.getObject(column, javaType);
        }
        throw new IllegalStateException("no mapping for column " + column + " of Java type " + javaType.getName());
    }

    private static Object enumConstant(Class<?> enumType, String label) {
        for (Object constant : enumType.getEnumConstants()) {
            if (((Enum<?>) constant).name().equalsIgnoreCase(label)) {
                return constant;
            }
        }
        throw new IllegalStateException("unknown " + enumType.getSimpleName() + " value '" + label + "'");
    }
}
