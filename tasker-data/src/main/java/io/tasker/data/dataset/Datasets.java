package io.tasker.data.dataset;

import io.tasker.NotFoundException;
import io.tasker.Page;
import io.tasker.data.DataRows;
import io.tasker.data.deploy.JobRow;
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
    /** A materialised partition is fresh, or stale for one or more {@link #CAUSES}; both also filter the list. */
    public static final List<String> FRESHNESS = List.of("fresh", "stale");
    public static final List<String> CAUSES = List.of("config_changed", "upstream_newer", "pending_invalidation",
            "schema_changed");

    public record DatasetView(UUID id, String name, String producerDag, String producerJob, int producerOutput,
                              boolean published, Optional<UUID> currentVersion, Optional<String> storageLocation,
                              Optional<String> schemaHash, long partitions, long rows, long bytes,
                              List<String> readRoles, Instant createdAt, Instant updatedAt) {
    }

    /**
     * A partition of a dataset's current version: its status, and for a materialised one its freshness ({@code fresh}
     * or {@code stale}) with the causes of staleness.
     */
    public record PartitionView(String key, String status, Optional<Instant> materializedAt, Optional<Long> rowCount,
                                Optional<Long> bytes, Optional<String> location, Optional<String> error,
                                Optional<String> freshness, List<String> causes) {
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

    /**
     * The current version's partitions (expected by the producer's partitioning, or materialised), filtered by a
     * status or a freshness; staleness is computed in the same statement.
     */
    public Page<PartitionView> partitions(UUID org, String name, Optional<String> status, int page, int perPage) {
        return partitions(org, name, status, Optional.empty(), page, perPage);
    }

    /** One partition of the current version, with its status and the causes of its staleness. */
    public PartitionView partition(UUID org, String name, String key) {
        return partitions(org, name, Optional.empty(), Optional.of(key), 1, 1).items().stream().findFirst()
                .orElseThrow(() -> new NotFoundException("dataset '" + name + "' has no partition '" + key + "'"));
    }

    private Page<PartitionView> partitions(UUID org, String name, Optional<String> status, Optional<String> key,
                                           int page, int perPage) {
        DatasetView dataset = get(org, name);
        if (dataset.currentVersion().isEmpty()) {
            return new Page<>(List.of(), page, perPage, 0);
        }
        UUID version = dataset.currentVersion().get();
        Producer producer = producer(version, dataset.producerJob());
        long[] total = {0};
        Optional<String> byStatus = status.filter(STATUSES::contains);
        Optional<String> byFreshness = status.filter(FRESHNESS::contains);
        List<PartitionView> items = jdbc.query(PartitionSql.PARTITIONS, row -> {
            total[0] = row.getLong("total");
            return new PartitionView(row.getString("partition_key"), row.getString("status"),
                    DataRows.optionalInstant(row, "materialized_at"),
                    Optional.ofNullable((Long) row.getObject("row_count")),
                    Optional.ofNullable((Long) row.getObject("bytes")),
                    Optional.ofNullable(row.getString("location")), Optional.ofNullable(row.getString("error_message")),
                    Optional.ofNullable(row.getString("freshness")), DataRows.texts(row, "causes"));
        }, SqlArray.texts(producer.expected()), version, version, org, name, producer.configHash(),
                SqlArray.uuids(producer.inputVersions()), producer.fanIn(), version, version, version,
                key.orElse(null), key.orElse(null), byStatus.orElse(null), byStatus.orElse(null),
                byFreshness.orElse(null), byFreshness.orElse(null), perPage, (long) (page - 1) * perPage);
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

    /** What staleness is measured against: the producer's keys, config hash and the input versions it reads. */
    private record Producer(List<String> expected, String configHash, List<UUID> inputVersions, boolean fanIn) {
    }

    private Producer producer(UUID version, String producerJob) {
        Optional<JobRow> job = jdbc.queryOne("SELECT " + JobRow.COLUMNS + """
                 FROM tasker_data.jobs j
                JOIN tasker_data.dag_version_datasets m ON m.dag_version_id = j.dag_version_id
                JOIN tasker_data.dag_current_versions c ON c.dag_version_id = j.dag_version_id
                WHERE m.dataset_version = ? AND j.name = ? LIMIT 1
                """, JobRow::read, version, producerJob);
        if (job.isEmpty()) {
            return new Producer(List.of(), "", List.of(), false);
        }
        List<String> expected = job.get().config().path("partitions").isObject()
                ? job.get().partitions().keys(clock.instant(), PartitionSpec.MAX_KEYS) : List.of();
        List<UUID> inputs = jdbc.withConnection(tx -> DatasetVersions.inputs(tx, job.get())).stream()
                .map(VersionRef::versionId).toList();
        return new Producer(expected, job.get().configHash(), inputs, job.get().fanInKey().isPresent());
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
