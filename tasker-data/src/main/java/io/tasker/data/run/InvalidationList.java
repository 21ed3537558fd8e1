package io.tasker.data.run;

import io.tasker.Page;
import io.tasker.data.DataRows;
import io.tasker.data.dataset.Reader;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.store.jdbc.SqlArray;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code GET /v1/invalidations}: the invalidations someone asked for (the roots of cascades, not the levels a
 * rewriting job emitted), newest first, a page at a time, each with the size of its cascade so far. Only those of
 * datasets the reader may read ({@code datasets.read_roles}, checked in SQL so the count and the pages agree).
 */
public final class InvalidationList {

    /** A root invalidation and how far its cascade has gone. */
    public record Root(UUID id, String dataset, String scope, Optional<String> partitionKey, String reason,
                       Instant createdAt, Optional<Instant> processedAt, int levels, int invalidations,
                       int unprocessed) {
    }

    private record Row(Root root, long total) {
    }

    private static final String ROOTS = """
            WITH RECURSIVE roots AS (
                SELECT i.id, i.dataset_uuid, d.name AS dataset, i.scope, i.partition_key, i.reason, i.created_at,
                       i.processed_at, count(*) OVER () AS total
                FROM tasker_data.data_invalidations i
                JOIN tasker_data.datasets d ON d.id = i.dataset_uuid
                WHERE d.org_id = ? AND i.source_event ->> 'parent' IS NULL
                  AND (?::text IS NULL OR d.name = ?)
                  AND (? OR cardinality(d.read_roles) = 0 OR d.read_roles && ?::text[])
                ORDER BY i.created_at DESC, i.id DESC
                LIMIT ? OFFSET ?
            ), tree AS (
                SELECT r.id AS root, r.id, r.processed_at, 0 AS level, true AS readable FROM roots r
                UNION ALL
                SELECT t.root, c.id, c.processed_at, t.level + 1,
                       (? OR cardinality(d.read_roles) = 0 OR d.read_roles && ?::text[])
                FROM tasker_data.data_invalidations c
                JOIN tree t ON c.source_event ->> 'parent' = t.id::text
                JOIN tasker_data.datasets d ON d.id = c.dataset_uuid
                WHERE t.level < 100
            )
            -- the walk passes through unreadable levels; the counts leave them out, as the cascade's detail does
            SELECT r.*, (SELECT max(t.level) + 1 FROM tree t WHERE t.root = r.id AND t.readable) AS levels,
                   (SELECT count(*) FROM tree t WHERE t.root = r.id AND t.readable) AS invalidations,
                   (SELECT count(*) FROM tree t WHERE t.root = r.id AND t.readable AND t.processed_at IS NULL)
                       AS unprocessed
            FROM roots r ORDER BY r.created_at DESC, r.id DESC
            """;

    private static final String COUNT = """
            SELECT count(*) FROM tasker_data.data_invalidations i
            JOIN tasker_data.datasets d ON d.id = i.dataset_uuid
            WHERE d.org_id = ? AND i.source_event ->> 'parent' IS NULL
              AND (?::text IS NULL OR d.name = ?)
              AND (? OR cardinality(d.read_roles) = 0 OR d.read_roles && ?::text[])
            """;

    private final Jdbc jdbc;

    public InvalidationList(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public Page<Root> list(UUID org, Reader reader, Optional<String> dataset, int page, int perPage) {
        SqlArray roles = SqlArray.texts(reader.roles());
        List<Row> rows = jdbc.query(ROOTS, row -> new Row(new Root(row.getObject("id", UUID.class),
                row.getString("dataset"), row.getString("scope"), Optional.ofNullable(row.getString("partition_key")),
                row.getString("reason"), DataRows.instant(row, "created_at"),
                DataRows.optionalInstant(row, "processed_at"), row.getInt("levels"), row.getInt("invalidations"),
                row.getInt("unprocessed")), row.getLong("total")),
                org, dataset.orElse(null), dataset.orElse(null), reader.everything(), roles, perPage,
                (long) (page - 1) * perPage, reader.everything(), roles);
        // A page past the end has no row to carry the window's count: count apart only then.
        long total = rows.isEmpty() ? count(org, reader, dataset, roles) : rows.get(0).total();
        return new Page<>(rows.stream().map(Row::root).toList(), page, perPage, total);
    }

    private long count(UUID org, Reader reader, Optional<String> dataset, SqlArray roles) {
        return jdbc.queryOne(COUNT, row -> row.getLong(1), org, dataset.orElse(null), dataset.orElse(null),
                reader.everything(), roles).orElse(0L);
    }
}
