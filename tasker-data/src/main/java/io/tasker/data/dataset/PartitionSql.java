package io.tasker.data.dataset;

/** The SQL of the partition list of {@link Datasets}: statuses and staleness of every partition in one statement. */
final class PartitionSql {

    private PartitionSql() {
    }

    /**
     * Each partition's status (its committed version, else its latest run), and for a committed one the causes of
     * staleness, each an indexed probe (the same key's probe and a fan-in's are separate: one {@code OR} over both
     * kept the planner from the index): the producer's config hash moved ({@code config_changed}), an input partition
     * it reads was committed after it ({@code upstream_newer}: the same key, or any key for a fan-in), an
     * invalidation of it is unprocessed ({@code pending_invalidation}), or its schema is not the version's latest
     * ({@code schema_changed}).
     *
     * <p>Parameters: expected keys, version, version, org, dataset name, producer config hash, input versions,
     * fan-in, version, version, version, key, key, status, status, freshness, freshness, limit, offset.
     */
    static final String PARTITIONS = """
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
            ), producer AS (
                SELECT ?::text AS config_hash, ?::uuid[] AS inputs, ?::boolean AS fan_in, ?::uuid AS version,
                       (SELECT schema_hash FROM tasker_data.dataset_versions WHERE id = ?) AS schema_hash
            ), statuses AS (
                SELECT k.partition_key, pv.materialized_at, pv.row_count, pv.bytes, pv.location, r.error_message,
                       CASE WHEN r.status IN ('queued', 'waiting', 'retrying') THEN 'queued'
                            WHEN r.status = 'running' THEN 'running'
                            WHEN pv.partition_key IS NOT NULL THEN 'materialized'
                            WHEN r.status = 'failed' THEN 'failed'
                            ELSE 'missing' END AS status,
                       CASE WHEN pv.partition_key IS NULL THEN NULL ELSE array_remove(ARRAY[
                           CASE WHEN pv.config_hash <> pr.config_hash THEN 'config_changed' END,
                           CASE WHEN (NOT pr.fan_in AND EXISTS (
                                         SELECT 1 FROM tasker_data.partition_versions ip
                                         WHERE ip.dataset_version = ANY (pr.inputs)
                                           AND ip.partition_key = k.partition_key
                                           AND ip.materialized_at > pv.materialized_at))
                                  OR (pr.fan_in AND EXISTS (
                                         SELECT 1 FROM tasker_data.partition_versions ip
                                         WHERE ip.dataset_version = ANY (pr.inputs)
                                           AND ip.materialized_at > pv.materialized_at))
                                THEN 'upstream_newer' END,
                           CASE WHEN EXISTS (SELECT 1 FROM tasker_data.data_invalidations i
                                             WHERE i.dataset_version = pr.version AND i.processed_at IS NULL
                                               AND (i.partition_key IS NULL OR i.partition_key = k.partition_key))
                                THEN 'pending_invalidation' END,
                           CASE WHEN pv.schema_hash IS DISTINCT FROM pr.schema_hash THEN 'schema_changed' END
                       ], NULL) END AS causes
                FROM keys k
                CROSS JOIN producer pr
                LEFT JOIN tasker_data.partition_versions pv
                       ON pv.dataset_version = ? AND pv.partition_key = k.partition_key
                LEFT JOIN latest r ON r.partition_key = k.partition_key
            ), rated AS (
                SELECT *, CASE WHEN causes IS NULL THEN NULL
                               WHEN cardinality(causes) = 0 THEN 'fresh' ELSE 'stale' END AS freshness
                FROM statuses
            )
            SELECT *, count(*) OVER () AS total FROM rated
            WHERE (?::text IS NULL OR partition_key = ?)
              AND (?::text IS NULL OR status = ?)
              AND (?::text IS NULL OR freshness = ?)
            ORDER BY partition_key
            LIMIT ? OFFSET ?
            """;
}
