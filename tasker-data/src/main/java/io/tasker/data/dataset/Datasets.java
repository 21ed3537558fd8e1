package io.tasker.data.dataset;

import io.tasker.NotFoundException;
import io.tasker.Page;
import io.tasker.data.DataRows;
import io.tasker.data.deploy.JobRow;
import io.tasker.data.dag.PartitionSpec;
import io.tasker.data.storage.Storage;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.store.jdbc.RowMapper;
import io.tasker.store.jdbc.SqlArray;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
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
                   s.parts, s.total_rows, s.total_bytes
            FROM tasker_data.datasets d
            LEFT JOIN tasker_data.dag_current_versions c ON c.org_id = d.org_id AND c.dag_name = d.producer_dag_name
            LEFT JOIN tasker_data.dag_version_datasets m ON m.dag_version_id = c.dag_version_id AND m.dataset_uuid = d.id
            LEFT JOIN tasker_data.dataset_versions v ON v.id = m.dataset_version
            LEFT JOIN LATERAL (SELECT count(*) AS parts, coalesce(sum(p.row_count), 0) AS total_rows,
                                      coalesce(sum(p.bytes), 0) AS total_bytes
                               FROM tasker_data.partition_versions p WHERE p.dataset_version = v.id) s ON true
            WHERE d.org_id = ?
            """;

    /** A dataset's current version and producer, without the totals {@link #SELECT} adds up. */
    private static final String CURRENT = """
            SELECT d.producer_job_name, m.dataset_version
            FROM tasker_data.datasets d
            LEFT JOIN tasker_data.dag_current_versions c ON c.org_id = d.org_id AND c.dag_name = d.producer_dag_name
            LEFT JOIN tasker_data.dag_version_datasets m ON m.dag_version_id = c.dag_version_id AND m.dataset_uuid = d.id
            WHERE d.org_id = ? AND d.name = ?
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
     * status or a freshness; staleness is computed in SQL, in two steps: the page's keys and the total first, then
     * the details of that page alone.
     */
    public Page<PartitionView> partitions(UUID org, String name, Optional<String> status, int page, int perPage) {
        Current dataset = current(org, name);
        if (dataset.version().isEmpty()) {
            return new Page<>(List.of(), page, perPage, 0);
        }
        UUID version = dataset.version().get();
        Producer producer = producer(version, dataset.producerJob());
        long offset = (long) (page - 1) * perPage;
        long[] total = {0};
        RowMapper<String> key = row -> {
            total[0] = row.getLong("total");
            return row.getString("partition_key");
        };
        Optional<String> byStatus = status.filter(STATUSES::contains);
        Optional<String> byFreshness = status.filter(FRESHNESS::contains);
        List<String> keys;
        if (byFreshness.isPresent()) {
            List<UUID> joined = producer.fanIn() ? List.of() : producer.inputVersions();
            List<Object> parameters = new ArrayList<>(joined);
            parameters.addAll(List.of(producer.fanIn(), SqlArray.uuids(producer.inputVersions()), version, version,
                    producer.configHash(), version, byFreshness.get().equals("stale"), perPage, offset));
            keys = paged(PartitionSql.pageByFreshness(joined.size()), key, false, parameters.toArray());
        } else if (byStatus.isPresent()) {
            keys = paged(PartitionSql.PAGE_BY_STATUS, key, true, SqlArray.texts(producer.expected()), version,
                    version, org, name, null, null, null, version, byStatus.get(), perPage, offset);
        } else {
            keys = paged(PartitionSql.PAGE_ALL, key, true, SqlArray.texts(producer.expected()), version, perPage,
                    offset);
        }
        return new Page<>(details(org, name, version, producer, keys), page, perPage, total[0]);
    }

    /** One partition of the current version, with its status and the causes of its staleness. */
    public PartitionView partition(UUID org, String name, String key) {
        Current dataset = current(org, name);
        Optional<PartitionView> found = dataset.version().flatMap(version -> {
            Producer producer = producer(version, dataset.producerJob());
            return details(org, name, version, producer, List.of(key)).stream()
                    .filter(p -> p.materializedAt().isPresent() || producer.expected().contains(key)).findFirst();
        });
        return found.orElseThrow(() -> new NotFoundException("dataset '" + name + "' has no partition '" + key + "'"));
    }

    /**
     * A page query over every partition, in a transaction of its own planner settings: merge joins of index scans in
     * key order instead of hash joins (for 100,000 partitions, hash joins took 350 to 850 ms under load, merge joins
     * 160 to 180 ms; the planner costs those index scans too high), and room in memory for 100,000 expected keys
     * (with the default work_mem their list and the total spilled to temporary files).
     */
    private <T> List<T> paged(String sql, RowMapper<T> mapper, boolean hashJoins, Object... parameters) {
        return jdbc.inTransaction(tx -> {
            tx.update("SET LOCAL work_mem = '64MB'");
            if (!hashJoins) {
                tx.update("SET LOCAL enable_hashjoin = off");
            }
            return tx.query(sql, mapper, parameters);
        });
    }

    private List<PartitionView> details(UUID org, String name, UUID version, Producer producer, List<String> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        SqlArray page = SqlArray.texts(keys);
        return jdbc.query(PartitionSql.DETAILS, row -> new PartitionView(row.getString("partition_key"),
                        row.getString("status"), DataRows.optionalInstant(row, "materialized_at"),
                        Optional.ofNullable((Long) row.getObject("row_count")),
                        Optional.ofNullable((Long) row.getObject("bytes")),
                        Optional.ofNullable(row.getString("location")),
                        Optional.ofNullable(row.getString("error_message")),
                        Optional.ofNullable(row.getString("freshness")), DataRows.texts(row, "causes")),
                page, version, org, name, page, page, page, producer.configHash(),
                SqlArray.uuids(producer.inputVersions()), producer.fanIn(), version, version, version);
    }

    /** How many partitions of the current version are in each status (one statement). */
    public Map<String, Long> counts(UUID org, String name) {
        Map<String, Long> counts = new LinkedHashMap<>();
        STATUSES.forEach(s -> counts.put(s, 0L));
        Current dataset = current(org, name);
        dataset.version().ifPresent(version -> jdbc.query(PartitionSql.COUNTS,
                row -> counts.put(row.getString("status"), row.getLong("n")),
                SqlArray.texts(producer(version, dataset.producerJob()).expected()), version, version, org, name,
                null, null, null, version));
        return counts;
    }

    private record Current(String producerJob, Optional<UUID> version) {
    }

    private Current current(UUID org, String name) {
        return jdbc.queryOne(CURRENT, row -> new Current(row.getString("producer_job_name"),
                        Optional.ofNullable(row.getObject("dataset_version", UUID.class))), org, name)
                .orElseThrow(() -> new NotFoundException("dataset '" + name + "' not found"));
    }

    /** What staleness is measured against: the producer's keys, config hash and the input versions it reads. */
    private record Producer(java.util.function.Supplier<List<String>> expectedKeys, String configHash,
                            List<UUID> inputVersions, boolean fanIn) {

        /** The keys the partitioning expects, made only by the lists that need them (100,000 keys cost). */
        List<String> expected() {
            return expectedKeys.get();
        }
    }

    private Producer producer(UUID version, String producerJob) {
        Optional<JobRow> job = jdbc.queryOne("SELECT " + JobRow.COLUMNS + """
                 FROM tasker_data.jobs j
                JOIN tasker_data.dag_version_datasets m ON m.dag_version_id = j.dag_version_id
                JOIN tasker_data.dag_current_versions c ON c.dag_version_id = j.dag_version_id
                WHERE m.dataset_version = ? AND j.name = ? LIMIT 1
                """, JobRow::read, version, producerJob);
        if (job.isEmpty()) {
            return new Producer(List::of, "", List.of(), false);
        }
        Instant now = clock.instant();
        java.util.function.Supplier<List<String>> expected = job.get().config().path("partitions").isObject()
                ? () -> job.get().partitions().keys(now, PartitionSpec.MAX_KEYS) : List::of;
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
