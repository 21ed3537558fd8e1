package io.tasker.data.deploy;

import io.tasker.ConflictException;
import io.tasker.data.DataRows;
import io.tasker.data.dag.DagSpec;
import io.tasker.data.dag.LineageSpec;
import io.tasker.data.dag.SourceSpec;
import io.tasker.data.run.Rebuilds;
import io.tasker.data.run.TaskFactory;
import io.tasker.data.storage.Storage;
import io.tasker.json.Json;
import io.tasker.store.Ids;
import io.tasker.store.jdbc.SqlArray;
import io.tasker.store.jdbc.Tx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.node.ObjectNode;

/** Writes one new DAG version in the deploy's transaction (see {@link Deployer}). */
final class DeployWriter {

    private static final String INSERT_JOB = """
            INSERT INTO tasker_data.jobs
                (id, org_id, name, dag_name, dag_version_id, activation, runtime, operator, source, execution_strategy,
                 idle_timeout, config, config_hash, input_datasets, output_datasets, update_strategy, unique_key,
                 scaling, timeout_seconds, heartbeat_timeout_seconds, max_attempts, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """;

    private final Tx tx;
    private final UUID org;
    private final Instant now;
    private final TaskFactory tasks;
    private final java.util.Map<String, LineageSpec> lineage;

    /** {@code lineage}: each job's column lineage, declared and derived ({@link ColumnLineage#merged}). */
    DeployWriter(Tx tx, UUID org, Instant now, TaskFactory tasks, java.util.Map<String, LineageSpec> lineage) {
        this.tx = tx;
        this.org = org;
        this.now = now;
        this.tasks = tasks;
        this.lineage = lineage;
    }

    Deployment write(DagSpec spec, List<JobDraft> drafts, String hash) {
        UUID version = tx.queryOne("""
                INSERT INTO tasker_data.dag_versions (org_id, dag_name, yaml_hash, created_at) VALUES (?, ?, ?, ?)
                RETURNING id
                """, row -> row.getObject(1, UUID.class), org, spec.name(), hash, DataRows.tz(now)).orElseThrow();
        List<JobRow> changed = new ArrayList<>();
        for (JobDraft draft : drafts) {
            boolean newVersions = false;
            for (int i = 0; i < draft.outputDatasets().size(); i++) {
                String name = draft.outputDatasets().get(i);
                UUID dataset = dataset(spec.name(), draft.job().name(), i, name);
                DatasetVersion datasetVersion = datasetVersion(dataset, name, draft.outputHash(i));
                newVersions |= datasetVersion.made();
                tx.update("INSERT INTO tasker_data.dag_version_datasets (dag_version_id, dataset_uuid, dataset_version)"
                        + " VALUES (?, ?, ?)", version, dataset, datasetVersion.id());
            }
            JobRow job = insertJob(version, draft, spec);
            if (newVersions) {
                changed.add(job);
            }
        }
        int inserted = tx.update("""
                INSERT INTO tasker_data.dag_current_versions (org_id, dag_name, dag_version_id, updated_at)
                VALUES (?, ?, ?, ?) ON CONFLICT (org_id, dag_name) DO NOTHING
                """, org, spec.name(), version, DataRows.tz(now));
        if (inserted == 1) {
            Cutover.takeOverDatasets(tx, version, now);
        }
        int runs = Rebuilds.start(tx, tasks, changed, now);
        return new Deployment(spec.name(), version, hash, true, inserted == 1,
                changed.stream().map(JobRow::name).toList(), runs);
    }

    /** The dataset's id, made on first use; a dataset keeps its producer DAG for good. */
    private UUID dataset(String dag, String job, int output, String name) {
        ObjectNode storage = Json.object().put("format", "parquet").put("layout", "<dataset>/<version>/<partition>/");
        tx.update("""
                INSERT INTO tasker_data.datasets
                    (org_id, name, producer_dag_name, producer_job_name, producer_output_index, storage, created_at,
                     updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (org_id, name) DO NOTHING
                """, org, name, dag, job, output, storage, DataRows.tz(now), DataRows.tz(now));
        return tx.queryOne("SELECT id, producer_dag_name FROM tasker_data.datasets WHERE org_id = ? AND name = ?"
                + " FOR UPDATE", row -> {
                    if (!row.getString(2).equals(dag)) {
                        throw new ConflictException("dataset '" + name + "' is written by DAG '" + row.getString(2)
                                + "'; a dataset has one producer");
                    }
                    return row.getObject(1, UUID.class);
                }, org, name).orElseThrow();
    }

    /** A dataset version, and whether this deploy made it. */
    private record DatasetVersion(UUID id, boolean made) {
    }

    private DatasetVersion datasetVersion(UUID dataset, String name, String configHash) {
        UUID id = Ids.next();
        int made = tx.update("""
                INSERT INTO tasker_data.dataset_versions (id, dataset_uuid, created_at, storage_location, config_hash)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT (dataset_uuid, config_hash) DO NOTHING
                """, id, dataset, DataRows.tz(now), Storage.versionLocation(name, id), configHash);
        if (made == 1) {
            return new DatasetVersion(id, true);
        }
        UUID existing = tx.queryOne("SELECT id FROM tasker_data.dataset_versions WHERE dataset_uuid = ? AND"
                + " config_hash = ?", row -> row.getObject(1, UUID.class), dataset, configHash).orElseThrow();
        return new DatasetVersion(existing, false);
    }

    private JobRow insertJob(UUID version, JobDraft draft, DagSpec spec) {
        var job = draft.job();
        ObjectNode config = job.config().deepCopy();
        config.set("partitions", draft.partitions().toJson());
        job.cursor().ifPresent(c -> config.set("cursor", c.toJson()));
        LineageSpec columns = lineage.getOrDefault(job.name(), job.lineage());
        if (!columns.columns().isEmpty()) {
            config.set("lineage", ColumnLineage.toJson(columns));
        }
        if (draft.outputDatasets().stream().anyMatch(name -> !spec.readRoles(name).isEmpty())) {
            var roles = config.putArray("read_roles");
            draft.outputDatasets().forEach(name -> {
                var list = roles.addArray();
                spec.readRoles(name).forEach(list::add);
            });
        }
        ObjectNode scaling = job.maxConcurrency().map(n -> Json.object().put("max_concurrency", n)).orElse(null);
        UUID id = Ids.next();
        tx.update(INSERT_JOB, id, org, job.name(), draft.dag(), version, job.activation().yamlName(), job.runtime(),
                job.operator(), job.source().map(SourceSpec::toJson).orElse(null), job.executionStrategy().name(),
                job.idleTimeout().orElse(null), config, draft.configHash(), SqlArray.texts(draft.inputDatasets()),
                SqlArray.texts(draft.outputDatasets()), job.updateStrategy().yamlName(),
                job.uniqueKey().isEmpty() ? null : SqlArray.texts(job.uniqueKey()), scaling, job.timeoutSeconds(),
                job.heartbeatTimeoutSeconds(), job.maxAttempts(), DataRows.tz(now), DataRows.tz(now));
        return tx.queryOne("SELECT " + JobRow.COLUMNS + " FROM tasker_data.jobs j WHERE j.id = ?", JobRow::read, id)
                .orElseThrow();
    }
}
