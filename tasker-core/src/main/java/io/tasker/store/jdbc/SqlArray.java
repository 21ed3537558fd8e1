package io.tasker.store.jdbc;

import java.util.Collection;
import java.util.UUID;

/** A statement parameter bound as a PostgreSQL array, e.g. for {@code = ANY(?)} or {@code unnest(?)}. */
public record SqlArray(String elementType, Object[] elements) {

    public static SqlArray uuids(Collection<UUID> values) {
        return new SqlArray("uuid", values.toArray());
    }

    public static SqlArray texts(Collection<String> values) {
        return new SqlArray("text", values.toArray());
    }

    public static SqlArray integers(Collection<Integer> values) {
        return new SqlArray("int4", values.toArray());
    }

    public static SqlArray bigints(Collection<Long> values) {
        return new SqlArray("int8", values.toArray());
    }

    public static SqlArray booleans(Collection<Boolean> values) {
        return new SqlArray("bool", values.toArray());
    }

    /** jsonb values travel as text and are cast in SQL ({@code ?::text[]::jsonb[]} or {@code unnest(...)::jsonb}). */
    public static SqlArray jsonTexts(Collection<String> values) {
        return new SqlArray("text", values.toArray());
    }

    public static SqlArray timestamps(Collection<java.time.LocalDateTime> values) {
        return new SqlArray("timestamp", values.toArray());
    }
}
