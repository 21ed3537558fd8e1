package io.tasker.data.dataset;

/**
 * The SQL of the partition list of {@link Datasets}, in two steps so that a page costs what its filter needs, not
 * what 100,000 partitions' details cost: a page query picks the page's keys and counts the total (the keys are the
 * producer's expected keys and the committed ones), then {@link #DETAILS} computes status and staleness for those keys
 * alone. Every statement is set-based: no row by row in Java.
 */
final class PartitionSql {

    private PartitionSql() {
    }

    /** Every key of the version: the producer's expected keys (parameter 1) and the committed ones (parameter 2). */
    private static final String KEYS = """
            keys AS (
                SELECT k AS partition_key FROM unnest(?::text[]) AS k
                UNION SELECT partition_key FROM tasker_data.partition_versions WHERE dataset_version = ?
            )""";

    /**
     * Each key's latest run of the version's producer. Parameters: version, org, dataset name, then the keys to look
     * at (their runs only, through the GIN index on {@code tasks.partitions}) or null for every key.
     */
    private static final String LATEST = """
            latest AS (
                SELECT DISTINCT ON (p) p AS partition_key, t.status, t.error_message
                FROM tasker_data.tasks t
                JOIN tasker_data.dag_version_datasets m ON m.dataset_version = ?
                JOIN tasker_data.jobs j ON j.id = t.job_id AND j.dag_version_id = m.dag_version_id
                CROSS JOIN unnest(t.partitions) AS p
                WHERE j.org_id = ? AND j.output_datasets @> ARRAY[?]::text[]
                  AND (?::text[] IS NULL OR (t.partitions && ?::text[] AND p = ANY (?::text[])))
                ORDER BY p, t.created_at DESC
            )""";

    private static final String STATUS = """
            CASE WHEN r.status IN ('queued', 'waiting', 'retrying') THEN 'queued'
                 WHEN r.status = 'running' THEN 'running'
                 WHEN pv.partition_key IS NOT NULL THEN 'materialized'
                 WHEN r.status = 'failed' THEN 'failed'
                 ELSE 'missing' END""";

    /** A page of every key. Parameters: expected keys, version, limit, offset. */
    static final String PAGE_ALL = "WITH " + KEYS + """

            SELECT partition_key, count(*) OVER () AS total FROM keys
            ORDER BY partition_key LIMIT ? OFFSET ?
            """;

    /**
     * A page of the keys in one status. Parameters: expected keys, version, {@link #LATEST}'s (version, org, name,
     * null, null, null), version, status, limit, offset.
     */
    static final String PAGE_BY_STATUS = "WITH " + KEYS + ", " + LATEST + """

            SELECT k.partition_key, count(*) OVER () AS total
            FROM keys k
            LEFT JOIN tasker_data.partition_versions pv ON pv.dataset_version = ? AND pv.partition_key = k.partition_key
            LEFT JOIN latest r ON r.partition_key = k.partition_key
            WHERE """ + " (" + STATUS + ") = ?\n" + """
            ORDER BY k.partition_key LIMIT ? OFFSET ?
            """;

    /**
     * A page of the committed partitions that are stale ({@code true}) or fresh, each cause computed for all of them
     * at once: each input version joined by key (one join per input, so that every join is a merge of two scans of
     * {@code partition_versions_version_idx} in key order, see {@link Datasets}), or the newest input partition of all
     * for a fan-in, and the unprocessed invalidations as one set. Parameters: an input version per join, fan-in,
     * input versions, version, version, config hash, version, stale, limit, offset.
     */
    static String pageByFreshness(int joinedInputs) {
        StringBuilder joins = new StringBuilder();
        StringBuilder newer = new StringBuilder();
        for (int i = 0; i < joinedInputs; i++) {
            joins.append("LEFT JOIN tasker_data.partition_versions ip").append(i).append(" ON ip").append(i)
                    .append(".dataset_version = ? AND ip").append(i).append(".partition_key = pv.partition_key\n");
            newer.append("       OR coalesce(ip").append(i).append(".materialized_at > pv.materialized_at, false)\n");
        }
        return """
                SELECT pv.partition_key, count(*) OVER () AS total
                FROM tasker_data.partition_versions pv
                """ + joins + """
                CROSS JOIN (SELECT max(materialized_at) AS newest FROM tasker_data.partition_versions
                            WHERE ?::boolean AND dataset_version = ANY (?::uuid[])) fan
                CROSS JOIN (SELECT coalesce(bool_or(partition_key IS NULL), false) AS every_key,
                                   coalesce(array_agg(partition_key) FILTER (WHERE partition_key IS NOT NULL), '{}')
                                       AS keys
                            FROM tasker_data.data_invalidations
                            WHERE dataset_version = ? AND processed_at IS NULL) inv
                WHERE pv.dataset_version = ?
                  AND (pv.config_hash <> ?
                       OR pv.schema_hash IS DISTINCT FROM (SELECT schema_hash FROM tasker_data.dataset_versions
                                                           WHERE id = ?)
                """ + newer + """
                       OR coalesce(fan.newest > pv.materialized_at, false)
                       OR inv.every_key OR pv.partition_key = ANY (inv.keys)) = ?
                ORDER BY pv.partition_key LIMIT ? OFFSET ?
                """;
    }

    /** How many keys are in each status. Parameters: as {@link #PAGE_BY_STATUS} up to the version of the join. */
    static final String COUNTS = "WITH " + KEYS + ", " + LATEST + """

            SELECT""" + " (" + STATUS + ") AS status, count(*) AS n\n" + """

            FROM keys k
            LEFT JOIN tasker_data.partition_versions pv ON pv.dataset_version = ? AND pv.partition_key = k.partition_key
            LEFT JOIN latest r ON r.partition_key = k.partition_key
            GROUP BY 1
            """;

    /**
     * Status and causes of staleness of the given keys (a page): the producer's config hash moved
     * ({@code config_changed}), an input partition it reads was committed after it ({@code upstream_newer}: the same
     * key, or any key for a fan-in; the two probes are separate, one {@code OR} over both kept the planner from the
     * index), an invalidation of it is unprocessed ({@code pending_invalidation}), or its schema is not the version's
     * latest ({@code schema_changed}). Each is an indexed probe, for a page's keys only.
     *
     * <p>Parameters: keys, {@link #LATEST}'s (version, org, name, keys, keys, keys), producer config hash, input
     * versions, fan-in, version, version, version.
     */
    static final String DETAILS = "WITH keys AS (SELECT DISTINCT k AS partition_key FROM unnest(?::text[]) AS k), "
            + LATEST + """
            , producer AS (
                SELECT ?::text AS config_hash, ?::uuid[] AS inputs, ?::boolean AS fan_in, ?::uuid AS version,
                       (SELECT schema_hash FROM tasker_data.dataset_versions WHERE id = ?) AS schema_hash
            ), statuses AS (
                SELECT k.partition_key, pv.materialized_at, pv.row_count, pv.bytes, pv.location, r.error_message,
                       """ + " (" + STATUS + ") AS status,\n" + """

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
            )
            SELECT *, CASE WHEN causes IS NULL THEN NULL
                           WHEN cardinality(causes) = 0 THEN 'fresh' ELSE 'stale' END AS freshness
            FROM statuses
            ORDER BY partition_key
            """;
}
