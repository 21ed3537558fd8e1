package io.tasker.data.dataset;

import io.tasker.data.deploy.JobRow;
import io.tasker.store.jdbc.SqlArray;
import io.tasker.store.jdbc.Tx;
import java.util.List;
import java.util.UUID;

/**
 * Which dataset versions a job reads and writes. A job writes the versions its DAG version maps its outputs to; it
 * reads the versions its DAG version maps (inputs from its own DAG) or, for a dataset of another DAG, that
 * dataset's current version.
 */
public final class DatasetVersions {

    private static final String RESOLVE = """
            SELECT d.name, d.id AS dataset_id, v.id AS version_id, v.storage_location
            FROM unnest(?::text[]) WITH ORDINALITY AS i(name, n)
            JOIN tasker_data.datasets d ON d.org_id = ? AND d.name = i.name
            LEFT JOIN tasker_data.dag_version_datasets own ON own.dag_version_id = ? AND own.dataset_uuid = d.id
            LEFT JOIN tasker_data.dag_current_versions c ON c.org_id = d.org_id AND c.dag_name = d.producer_dag_name
            LEFT JOIN tasker_data.dag_version_datasets cur
                   ON cur.dag_version_id = c.dag_version_id AND cur.dataset_uuid = d.id
            JOIN tasker_data.dataset_versions v ON v.id = coalesce(own.dataset_version, cur.dataset_version)
            ORDER BY i.n
            """;

    private static final String CURRENT = """
            SELECT d.name, d.id AS dataset_id, v.id AS version_id, v.storage_location
            FROM tasker_data.datasets d
            JOIN tasker_data.dag_current_versions c ON c.org_id = d.org_id AND c.dag_name = d.producer_dag_name
            JOIN tasker_data.dag_version_datasets m ON m.dag_version_id = c.dag_version_id AND m.dataset_uuid = d.id
            JOIN tasker_data.dataset_versions v ON v.id = m.dataset_version
            WHERE d.org_id = ? AND d.name = ?
            """;

    private DatasetVersions() {
    }

    public static List<VersionRef> inputs(Tx tx, JobRow job) {
        return resolve(tx, job, job.inputDatasets());
    }

    public static List<VersionRef> outputs(Tx tx, JobRow job) {
        return resolve(tx, job, job.outputDatasets());
    }

    /** The dataset's current version (through its producer DAG's current version), if it has one. */
    public static java.util.Optional<VersionRef> current(Tx tx, UUID org, String dataset) {
        return tx.queryOne(CURRENT, DatasetVersions::ref, org, dataset);
    }

    private static List<VersionRef> resolve(Tx tx, JobRow job, List<String> names) {
        List<VersionRef> refs = tx.query(RESOLVE, DatasetVersions::ref, SqlArray.texts(names), job.orgId(),
                job.dagVersionId());
        if (refs.size() != names.size()) {
            throw new IllegalStateException("job " + job.name() + " of " + job.dagName() + ": no version of "
                    + names + " (found " + refs.size() + ")");
        }
        return refs;
    }

    private static VersionRef ref(java.sql.ResultSet row) throws java.sql.SQLException {
        return new VersionRef(row.getString("name"), row.getObject("dataset_id", UUID.class),
                row.getObject("version_id", UUID.class), row.getString("storage_location"));
    }
}
