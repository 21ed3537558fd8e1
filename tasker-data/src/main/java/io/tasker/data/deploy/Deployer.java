package io.tasker.data.deploy;

import io.tasker.ConflictException;
import io.tasker.data.DataRows;
import io.tasker.data.dag.DagChecks;
import io.tasker.data.dag.DagParser;
import io.tasker.data.dag.DagSpec;
import io.tasker.data.dag.LineageSpec;
import io.tasker.data.dag.PartitionParser;
import io.tasker.data.run.TaskFactory;
import io.tasker.store.jdbc.DataAccessException;
import io.tasker.store.jdbc.Jdbc;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Deploys DAG files. A deploy is idempotent by (org, DAG name, hash of the YAML): the same file again answers the
 * existing version. A new version is written in one transaction: its jobs, the datasets they write (new dataset
 * versions only for jobs whose config hash changed, see {@link DeployPlanner}), the mapping of the version to those
 * dataset versions, and the runs that rebuild the changed reactive jobs from the partitions their inputs have. The
 * first version of a DAG becomes current at once; later ones are built beside the current one until activated.
 */
public final class Deployer {

    private final Jdbc jdbc;
    private final JobTemplates templates;
    private final DagChecks checks;
    private final TaskFactory tasks;
    private final Clock clock;

    public Deployer(Jdbc jdbc, JobTemplates templates, DagChecks checks, TaskFactory tasks, Clock clock) {
        this.jdbc = jdbc;
        this.templates = templates;
        this.checks = checks;
        this.tasks = tasks;
        this.clock = clock;
    }

    /** Parses and validates without writing anything. */
    public DagSpec validate(UUID org, String yaml) {
        DagSpec spec = DagParser.parse(yaml, checks);
        DeployPlanner.plan(spec, name -> external(org, spec.name(), name));
        return spec;
    }

    public Deployment deploy(UUID org, String yaml) {
        String hash = JobTemplates.sha256(yaml.replace("\r\n", "\n"));
        DagSpec spec = DagParser.parse(yaml, checks);
        Optional<Deployment> existing = existing(org, spec.name(), hash);
        if (existing.isPresent()) {
            return existing.get();
        }
        List<JobDraft> drafts = DeployPlanner.plan(spec, name -> external(org, spec.name(), name));
        for (JobDraft draft : drafts) {
            for (String dataset : draft.outputDatasets()) {
                producerDag(org, dataset).filter(dag -> !dag.equals(spec.name())).ifPresent(dag -> {
                    throw new ConflictException("dataset '" + dataset + "' is written by DAG '" + dag
                            + "'; a dataset has one producer");
                });
            }
            templates.register(org, JobTemplates.Shape.of(draft));
        }
        // derived before the transaction: DuckDB parses on its own threads, which may all be busy running jobs
        Map<String, LineageSpec> lineage = new HashMap<>();
        drafts.forEach(d -> lineage.put(d.job().name(), ColumnLineage.merged(d.job(), d.inputDatasets().size())));
        try {
            return jdbc.inTransaction(tx -> new DeployWriter(tx, org, clock.instant(), tasks, lineage)
                    .write(spec, drafts, hash));
        } catch (DataAccessException e) {
            if (e.isUniqueViolation("dag_versions_org_name_hash_key")) {
                return existing(org, spec.name(), hash).orElseThrow(() -> e);
            }
            throw e;
        }
    }

    private Optional<Deployment> existing(UUID org, String dag, String hash) {
        return jdbc.queryOne("""
                SELECT v.id, (c.dag_version_id = v.id) AS current FROM tasker_data.dag_versions v
                LEFT JOIN tasker_data.dag_current_versions c ON c.org_id = v.org_id AND c.dag_name = v.dag_name
                WHERE v.org_id = ? AND v.dag_name = ? AND v.yaml_hash = ?
                """, row -> new Deployment(dag, row.getObject(1, UUID.class), hash, false, row.getBoolean(2),
                List.of(), 0), org, dag, hash);
    }

    private Optional<String> producerDag(UUID org, String dataset) {
        return jdbc.queryOne("SELECT producer_dag_name FROM tasker_data.datasets WHERE org_id = ? AND name = ?",
                row -> row.getString(1), org, dataset);
    }

    private Optional<DeployPlanner.ExternalDataset> external(UUID org, String dag, String dataset) {
        return jdbc.queryOne("""
                SELECT j.config -> 'partitions' FROM tasker_data.datasets d
                JOIN tasker_data.dag_current_versions c ON c.org_id = d.org_id AND c.dag_name = d.producer_dag_name
                JOIN tasker_data.jobs j ON j.dag_version_id = c.dag_version_id AND j.name = d.producer_job_name
                WHERE d.org_id = ? AND d.name = ?
                """, row -> new DeployPlanner.ExternalDataset(dataset,
                PartitionParser.fromJson(DataRows.json(row, "?column?"))), org, dataset);
    }
}
