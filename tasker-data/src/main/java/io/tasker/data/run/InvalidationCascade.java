package io.tasker.data.run;

import io.tasker.NotFoundException;
import io.tasker.data.DataRows;
import io.tasker.store.jdbc.Jdbc;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** {@code GET /v1/invalidations/{id}}: an invalidation and the ones it emitted, level by level, with their runs. */
public final class InvalidationCascade {

    /** One invalidation of the cascade; {@code level} 0 is the one asked for. */
    public record Level(int level, UUID id, Optional<UUID> parent, String dataset, String scope,
                        Optional<String> partitionKey, JsonNode rowFilter, String reason, Instant createdAt,
                        List<String> dependents, List<String> processedBy, Optional<Instant> processedAt,
                        List<Run> runs) {
    }

    /** A run that re-materialised the partition or processed the invalidation. */
    public record Run(UUID id, String job, String status) {
    }

    private static final String TREE = """
            WITH RECURSIVE tree AS (
                SELECT i.*, 0 AS level FROM tasker_data.data_invalidations i
                JOIN tasker_data.datasets d ON d.id = i.dataset_uuid
                WHERE i.id = ? AND d.org_id = ?
                UNION ALL
                SELECT c.*, t.level + 1 FROM tasker_data.data_invalidations c
                JOIN tree t ON c.source_event ->> 'parent' = t.id::text
                WHERE t.level < 100
            )
            SELECT t.id, t.level, t.source_event ->> 'parent' AS parent, d.name AS dataset, t.scope, t.partition_key,
                   t.row_filter, t.reason, t.created_at, t.processed_at,
                   ARRAY(SELECT j.name FROM tasker_data.jobs j, jsonb_array_elements_text(t.source_event -> 'dependents') e
                         WHERE j.id = e::uuid ORDER BY j.name) AS dependents,
                   ARRAY(SELECT j.name FROM tasker_data.jobs j WHERE j.id = ANY (t.processed_by) ORDER BY j.name)
                       AS processed_by
            FROM tree t JOIN tasker_data.datasets d ON d.id = t.dataset_uuid
            ORDER BY t.level, d.name, t.partition_key
            """;

    private static final String RUNS = """
            SELECT t.id, j.name, t.status FROM tasker_data.tasks t JOIN tasker_data.jobs j ON j.id = t.job_id
            WHERE t.input_versions ->> 'invalidation_id' = ? OR t.input_versions ->> 'rematerialise' = ?
            ORDER BY t.created_at
            """;

    private final Jdbc jdbc;

    public InvalidationCascade(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public List<Level> get(UUID org, UUID id) {
        List<Level> levels = jdbc.query(TREE, row -> {
            UUID level = row.getObject("id", UUID.class);
            return new Level(row.getInt("level"), level, Optional.ofNullable(row.getString("parent"))
                    .map(UUID::fromString), row.getString("dataset"), row.getString("scope"),
                    Optional.ofNullable(row.getString("partition_key")), DataRows.json(row, "row_filter"),
                    row.getString("reason"), DataRows.instant(row, "created_at"), DataRows.texts(row, "dependents"),
                    DataRows.texts(row, "processed_by"), DataRows.optionalInstant(row, "processed_at"), List.of());
        }, id, org);
        if (levels.isEmpty()) {
            throw new NotFoundException("invalidation " + id + " not found");
        }
        return levels.stream().map(l -> new Level(l.level(), l.id(), l.parent(), l.dataset(), l.scope(),
                l.partitionKey(), l.rowFilter(), l.reason(), l.createdAt(), l.dependents(), l.processedBy(),
                l.processedAt(), jdbc.query(RUNS, row -> new Run(row.getObject(1, UUID.class), row.getString(2),
                        row.getString(3)), l.id().toString(), l.id().toString()))).toList();
    }
}
