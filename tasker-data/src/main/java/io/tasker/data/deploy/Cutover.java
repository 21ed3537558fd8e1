package io.tasker.data.deploy;

import io.tasker.NotFoundException;
import io.tasker.data.DataRows;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.store.jdbc.Tx;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Activates a DAG version: one transaction points the DAG at the version (so its datasets' current versions become
 * the version's, for queries and for readers in other DAGs) and cancels the runs that have not started of every
 * other version, which is now left behind. Rolling back is activating an earlier version: nothing is recomputed,
 * its dataset versions still hold their partitions. Runs that were running finish into their own dataset versions.
 */
public final class Cutover {

    /** What an activation did. */
    public record Activation(String dagName, UUID dagVersionId, UUID previousVersionId, List<UUID> cancelledRuns) {
    }

    private final Jdbc jdbc;
    private final Clock clock;
    private final Consumer<List<UUID>> cancelTasks;

    /** @param cancelTasks cancels the workflow tasks of runs cancelled by a committed activation */
    public Cutover(Jdbc jdbc, Clock clock, Consumer<List<UUID>> cancelTasks) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.cancelTasks = cancelTasks;
    }

    public Activation activate(UUID org, String dag, UUID version) {
        Instant now = clock.instant();
        Activation activation = jdbc.inTransaction(tx -> {
            boolean known = tx.queryOne("SELECT 1 FROM tasker_data.dag_versions WHERE id = ? AND org_id = ?"
                    + " AND dag_name = ?", row -> true, version, org, dag).isPresent();
            if (!known) {
                throw new NotFoundException("DAG '" + dag + "' has no version " + version);
            }
            UUID previous = tx.queryOne("SELECT dag_version_id FROM tasker_data.dag_current_versions"
                    + " WHERE org_id = ? AND dag_name = ? FOR UPDATE", row -> row.getObject(1, UUID.class), org, dag)
                    .orElse(null);
            tx.update("""
                    INSERT INTO tasker_data.dag_current_versions (org_id, dag_name, dag_version_id, updated_at)
                    VALUES (?, ?, ?, ?)
                    ON CONFLICT (org_id, dag_name) DO UPDATE SET dag_version_id = excluded.dag_version_id,
                                                                 updated_at = excluded.updated_at
                    """, org, dag, version, DataRows.tz(now));
            takeOverDatasets(tx, version, now);
            List<UUID> cancelled = tx.query("""
                    UPDATE tasker_data.tasks t SET status = 'cancelled', completed_at = ?,
                           error_message = 'cancelled: its DAG version was left behind by an activation'
                    FROM tasker_data.jobs j
                    WHERE j.id = t.job_id AND j.org_id = ? AND j.dag_name = ? AND j.dag_version_id <> ?
                      AND t.status IN ('waiting', 'queued', 'retrying')
                    RETURNING t.id
                    """, row -> row.getObject(1, UUID.class), DataRows.tz(now), org, dag, version);
            return new Activation(dag, version, previous, cancelled);
        });
        if (!activation.cancelledRuns().isEmpty()) {
            cancelTasks.accept(activation.cancelledRuns());
        }
        return activation;
    }

    /**
     * The version's datasets name their producer as the version has it (a publish may have moved), and their read
     * roles and column lineage are the version's.
     */
    static void takeOverDatasets(Tx tx, UUID version, Instant now) {
        tx.update("""
                UPDATE tasker_data.datasets d
                SET producer_job_name = j.name, producer_output_index = o.n - 1, updated_at = ?
                FROM tasker_data.jobs j, unnest(j.output_datasets) WITH ORDINALITY AS o(name, n)
                WHERE j.dag_version_id = ? AND d.org_id = j.org_id AND d.name = o.name
                  AND (d.producer_job_name <> j.name OR d.producer_output_index <> o.n - 1)
                """, DataRows.tz(now), version);
        tx.update("""
                UPDATE tasker_data.datasets d
                SET read_roles = ARRAY(SELECT jsonb_array_elements_text(
                        coalesce(j.config -> 'read_roles' -> (o.n::int - 1), '[]'::jsonb)))
                FROM tasker_data.jobs j, unnest(j.output_datasets) WITH ORDINALITY AS o(name, n)
                WHERE j.dag_version_id = ? AND d.org_id = j.org_id AND d.name = o.name
                """, version);
        ColumnLineage.takeOver(tx, version);
    }
}
