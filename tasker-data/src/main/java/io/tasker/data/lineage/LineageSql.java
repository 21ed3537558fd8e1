package io.tasker.data.lineage;

/** The SQL of {@link Lineage}. */
final class LineageSql {

    private LineageSql() {
    }

    /**
     * Edges of the active DAG versions, walked from a dataset: %1$s is the edge's side that meets the walk, %2$s the
     * side it goes on to. Parameters: org, dataset, depth, depth.
     */
    static final String DATASETS = """
            WITH RECURSIVE edges AS (
                SELECT DISTINCT i.name AS input, o.name AS output, j.dag_name, j.name AS job_name
                FROM tasker_data.dag_current_versions c
                JOIN tasker_data.jobs j ON j.dag_version_id = c.dag_version_id
                CROSS JOIN LATERAL unnest(j.input_datasets) AS i(name)
                CROSS JOIN LATERAL unnest(j.output_datasets) AS o(name)
                WHERE c.org_id = ?
            ), walk(name, depth) AS (
                SELECT ?::text, 0
                UNION
                SELECT %2$s, w.depth + 1 FROM walk w JOIN edges e ON %1$s = w.name WHERE w.depth < ?
            )
            SELECT e.input, e.output, e.dag_name, e.job_name, min(w.depth) + 1 AS depth
            FROM walk w JOIN edges e ON %1$s = w.name
            WHERE w.depth < ?
            GROUP BY e.input, e.output, e.dag_name, e.job_name
            ORDER BY depth, e.input, e.output
            """;

    /**
     * The closure of column_lineage from one column: %1$s/%2$s the edge's side that meets the walk (dataset, column),
     * %3$s/%4$s the side it goes on to. Parameters: column, org, dataset, maximum depth.
     */
    static final String COLUMNS = """
            WITH RECURSIVE walk(dataset_uuid, col, depth) AS (
                SELECT d.id, ?::text, 0 FROM tasker_data.datasets d WHERE d.org_id = ? AND d.name = ?
                UNION
                SELECT %3$s, %4$s, w.depth + 1
                FROM walk w JOIN tasker_data.column_lineage cl ON %1$s = w.dataset_uuid AND %2$s = w.col
                WHERE w.depth < ?
            )
            SELECT od.name AS output_dataset, cl.output_column, id.name AS input_dataset, cl.input_column,
                   j.dag_name, j.name AS job_name, min(w.depth) + 1 AS depth
            FROM walk w
            JOIN tasker_data.column_lineage cl ON %1$s = w.dataset_uuid AND %2$s = w.col
            JOIN tasker_data.datasets od ON od.id = cl.output_dataset_uuid
            JOIN tasker_data.datasets id ON id.id = cl.input_dataset_uuid
            JOIN tasker_data.jobs j ON j.id = cl.job_id
            GROUP BY od.name, cl.output_column, id.name, cl.input_column, j.dag_name, j.name
            ORDER BY depth, output_dataset, cl.output_column, input_dataset, cl.input_column
            """;

    /**
     * The current version's partition and the run that committed it (its outputs name the attempt's location).
     * Parameters: key, org, dataset.
     */
    static final String PARTITION = """
            SELECT p.dataset_version, p.materialized_at, t.id AS run_id, j.name AS job
            FROM tasker_data.datasets d
            JOIN tasker_data.dag_current_versions c ON c.org_id = d.org_id AND c.dag_name = d.producer_dag_name
            JOIN tasker_data.dag_version_datasets m ON m.dag_version_id = c.dag_version_id AND m.dataset_uuid = d.id
            JOIN tasker_data.partition_versions p ON p.dataset_version = m.dataset_version AND p.partition_key = ?
            LEFT JOIN tasker_data.tasks t ON t.org_id = d.org_id AND t.status = 'succeeded'
                  AND t.outputs @> jsonb_build_array(jsonb_build_object('location', p.location))
            LEFT JOIN tasker_data.jobs j ON j.id = t.job_id
            WHERE d.org_id = ? AND d.name = ?
            ORDER BY t.completed_at DESC NULLS LAST LIMIT 1
            """;

    /** The input partitions a run read, and whether each is still the partition it read. Parameter: run. */
    static final String INPUTS = """
            SELECT d.name AS dataset, i.input_partition_key, i.input_version,
                   EXISTS (SELECT 1 FROM tasker_data.partition_versions p
                           WHERE p.dataset_uuid = i.input_dataset_uuid AND p.partition_key = i.input_partition_key
                             AND p.materialized_at = i.input_version) AS current
            FROM tasker_data.task_inputs i JOIN tasker_data.datasets d ON d.id = i.input_dataset_uuid
            WHERE i.task_id = ?
            ORDER BY d.name, i.input_partition_key
            """;
}
