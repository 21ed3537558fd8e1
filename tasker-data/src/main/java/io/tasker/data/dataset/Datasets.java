package io.tasker.data.dataset;

import io.tasker.NotFoundException;
import io.tasker.Page;
import io.tasker.data.DataRows;
import io.tasker.data.dag.PartitionParser;
import io.tasker.data.dag.PartitionSpec;
import io.tasker.data.storage.Storage;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.store.jdbc.SqlArray;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Reads datasets, their current versions and their partitions with a status each. */
public final class Datasets {

    /** Partition statuses: materialised, a run queued or running for it, its last run failed, or none yet. */
    public static final List<String> STATUSES = List.of("materialized", "queued", "running", "failed", "missing");

    public record DatasetView(UUID id, String name, String producerDag, String producerJob, int producerOutput,
                              boolean published, Optional<UUID> currentVersion, Optional<String> storageLocation,
                              Optional<String> schemaHash, long partitions, long rows, long bytes,
                              List<String> readRoles, Instant createdAt, Instant updatedAt) {
    }

    public record PartitionView(String key, String status, Optional<Instant> materializedAt, Optional<Long> rowCount,
                                Optional<Long> bytes, Optional<String> location, Optional<String> error) {
    }

    private static final String SELECT = """
            SELECT d.id, d.name, d.producer_dag_name, d.producer_job_name, d.producer_output_index, d.read_roles,
                   d.created_at, d.updated_at, v.id AS version_id, v.storage_location, v.schema_hash,
                   (SELECT count(*) FROM tasker_data.partition_versions p WHERE p.dataset_version = v.id) AS parts,
                   (SELECT coalesce(sum(row_count), 0) FROM tasker_data.partition_versions p
                    WHERE p.dataset_version = v.id) AS total_rows,
                   (SELECT coalesce(sum(bytes), 0) FROM tasker_data.partition_versions p
                    WHERE p.dataset_version = v.id) AS total_bytes
            FROM tasker_data.datasets d
            LEFT JOIN tasker_data.dag_current_versions c ON c.org_id = d.org_id AND c.dag_name = d.producer_dag_name
            LEFT JOIN tasker_data.dag_version_datasets m ON m.dag_version_id = c.dag_version_id AND m.dataset_uuid = d.id
            LEFT JOIN tasker_data.dataset_versions v ON v.id = m.dataset_version
            WHERE d.org_id = ?
            """;

    private static final String PARTITIONS = """
            WITH keys AS (
                SELECT k AS partition_key FROM unnest(?::text[]) AS k
                UNION SELECT partition_key FROM tasker_data.partition_versions WHERE dataset_version = ?
            ), latest AS (
                SELECT DISTINCT ON (p) p AS partition_key, t.status, t.error_message
                FROM tasker_data.tasks t
                JOIN tasker_data.dag_version_datasets m ON m.dataset_version = ?
                JOIN tasker_data.jobs j ON j.id = t.job_id AND j.dag_version_id = m.dag_version_id
                CROSS JOIN unnest(t.partitions) AS p
                WHERE j.org_id = ? AND j.output_datasets @> ARRAY[?]::text[]
                ORDER BY p, t.created_at DESC
            ), statuses AS (
                SELECT k.partition_key, pv.materialized_at, pv.row_count, pv.bytes, pv.location, r.error_message,
                       CASE WHEN r.status IN ('queued', 'waiting', 'retrying') THEN 'queued'
                            WHEN r.status = 'running' THEN 'running'
                            WHEN pv.partition_key IS NOT NULL THEN 'materialized'
                            WHEN r.status = 'failed' THEN 'failed'
                            ELSE 'missing' END AS status
                FROM keys k
                LEFT JOIN tasker_data.partition_versions pv
                       ON pv.dataset_version = ? AND pv.partition_key = k.partition_key
                LEFT JOIN latest r ON r.partition_key = k.partition_key
            )
            SELECT *, count(*) OVER () AS total FROM statuses
            WHERE (?::text IS NULL OR status = ?)
            ORDER BY partition_key
            LIMIT ? OFFSET ?
            """;

    private final Jdbc jdbc;
    private final Clock clock;

    public Datasets(Jdbc jdbc, Storage storage, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public List<DatasetView> list(UUID org) {
        return jdbc.query(SELECT + " ORDER BY d.name", Datasets::view, org);
    }

    public DatasetView get(UUID org, String name) {
        return jdbc.queryOne(SELECT + " AND d.name = ?", Datasets::view, org, name)
                .orElseThrow(() -> new NotFoundException("dataset '" + name + "' not found"));
    }

    /** The current version's partitions (expected by the producer's partitioning, or materialised), by status. */
    public Page<PartitionView> partitions(UUID org, String name, Optional<String> status, int page, int perPage) {
        DatasetView dataset = get(org, name);
        if (dataset.currentVersion().isEmpty()) {
            return new Page<>(List.of(), page, perPage, 0);
        }
        UUID version = dataset.currentVersion().get();
        List<String> expected = expectedKeys(version, dataset.producerJob());
        long[] total = {0};
        List<PartitionView> items = jdbc.query(PARTITIONS, row -> {
            total[0] = row.getLong("total");
            return new PartitionView(row.getString("partition_key"), row.getString("status"),
                    DataRows.optionalInstant(row, "materialized_at"),
                    Optional.ofNullable((Long) row.getObject("row_count")),
                    Optional.ofNullable((Long) row.getObject("bytes")),
                    Optional.ofNullable(row.getString("location")), Optional.ofNullable(row.getString("error_message")));
        }, SqlArray.texts(expected), version, version, org, name, version, status.orElse(null), status.orElse(null),
                perPage, (long) (page - 1) * perPage);
        return new Page<>(items, page, perPage, total[0]);
    }

    /** How many partitions of the current version are in each status. */
    public Map<String, Long> counts(UUID org, String name) {
        Map<String, Long> counts = new LinkedHashMap<>();
        STATUSES.forEach(s -> counts.put(s, 0L));
        for (String status : STATUSES) {
            counts.put(status, partitions(org, name, Optional.of(status), 1, 1).totalCount());
        }
        return counts;
    }

    private List<String> expectedKeys(UUID version, String producerJob) {
        return jdbc.queryOne("""
                SELECT j.config -> 'partitions' FROM tasker_data.jobs j
                JOIN tasker_data.dag_version_datasets m ON m.dag_version_id = j.dag_version_id
                WHERE m.dataset_version = ? AND j.name = ? LIMIT 1
                """, row -> DataRows.json(row, "?column?"), version, producerJob)
                .filter(json -> json.isObject())
                .map(json -> PartitionParser.fromJson(json).keys(clock.instant(), PartitionSpec.MAX_KEYS))
                .orElse(List.of());
    }

    private static DatasetView view(java.sql.ResultSet row) throws java.sql.SQLException {
        String name = row.getString("name");
        return new DatasetView(row.getObject("id", UUID.class), name, row.getString("producer_dag_name"),
                row.getString("producer_job_name"), row.getInt("producer_output_index"), !name.contains("__"),
                Optional.ofNullable(row.getObject("version_id", UUID.class)),
                Optional.ofNullable(row.getString("storage_location")), Optional.ofNullable(row.getString("schema_hash")),
                row.getLong("parts"), row.getLong("total_rows"), row.getLong("total_bytes"),
                DataRows.texts(row, "read_roles"), DataRows.instant(row, "created_at"),
                DataRows.instant(row, "updated_at"));
    }
}
