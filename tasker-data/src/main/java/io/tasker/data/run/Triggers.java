package io.tasker.data.run;

import io.tasker.data.dag.ExecutionStrategy;
import io.tasker.data.dataset.DatasetVersions;
import io.tasker.data.dataset.VersionRef;
import io.tasker.data.deploy.JobRow;
import io.tasker.json.Json;
import io.tasker.store.jdbc.Tx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Which runs of reactive jobs follow from materialised partitions. A job follows a committed partition when it is
 * reactive, belongs to a live version of its DAG (the current one, or one deployed since it was activated, which is
 * being built), and reads exactly the dataset version that was written. {@code PerPartition} jobs run once every
 * input has the partition key (the last to arrive triggers it); {@code PerUpdate} jobs run for every update.
 */
public final class Triggers {

    /**
     * A partition just committed; {@code invalidation} is the invalidation the runs it starts process (with its row
     * filter), when the commit is part of a cascade.
     */
    public record Committed(UUID org, String dataset, UUID versionId, String partition, Instant materializedAt,
                            Optional<Cascade> invalidation) {
    }

    /** An invalidation passed on to the runs a commit starts. */
    public record Cascade(UUID id, JsonNode rowFilter) {
    }

    private static final String LIVE_READERS = "SELECT " + JobRow.COLUMNS + """
             FROM tasker_data.jobs j
            JOIN tasker_data.dag_current_versions c ON c.org_id = j.org_id AND c.dag_name = j.dag_name
            JOIN tasker_data.dag_versions v ON v.id = j.dag_version_id
            WHERE j.org_id = ? AND j.activation = 'reactive' AND j.input_datasets @> ARRAY[?]::text[]
              AND (v.id = c.dag_version_id OR v.created_at > c.updated_at)
            ORDER BY v.created_at DESC, j.name
            """;

    private Triggers() {
    }

    public static List<NewRun> forCommits(Tx tx, List<Committed> commits) {
        List<NewRun> runs = new ArrayList<>();
        Set<String> planned = new HashSet<>();
        for (Committed commit : commits) {
            for (JobRow job : readers(tx, commit.org(), commit.dataset(), commit.versionId())) {
                List<VersionRef> inputs = DatasetVersions.inputs(tx, job);
                Optional<String> key = outputKey(job, commit.partition());
                if (key.isEmpty()) {
                    continue;
                }
                if (job.executionStrategy() == ExecutionStrategy.PerPartition && job.fanInKey().isEmpty()
                        && !allHave(tx, inputs, commit.partition())) {
                    continue;
                }
                String output = DatasetVersions.outputs(tx, job).get(0).versionId() + "/" + key.get();
                boolean coalesce = job.executionStrategy() == ExecutionStrategy.PerPartition;
                if (coalesce && (!planned.add(output) || queued(tx, job, key.get(), commit.invalidation()))) {
                    continue;
                }
                ObjectNode trigger = Json.object().put("trigger", "input")
                        .put("dataset", commit.dataset()).put("partition", commit.partition())
                        .put("materialized_at", commit.materializedAt().toString());
                commit.invalidation().ifPresent(c -> {
                    trigger.put("invalidation_id", c.id().toString());
                    if (c.rowFilter() != null && c.rowFilter().isObject()) {
                        trigger.set("row_filter", c.rowFilter());
                    }
                });
                runs.add(NewRun.of(job, List.of(key.get()), trigger));
            }
        }
        return runs;
    }

    /** The reactive jobs of live DAG versions that read exactly this version of the dataset. */
    static List<JobRow> readers(Tx tx, UUID org, String dataset, UUID version) {
        return tx.query(LIVE_READERS, JobRow::read, org, dataset).stream()
                .filter(job -> DatasetVersions.inputs(tx, job).stream().anyMatch(in -> in.dataset().equals(dataset)
                        && in.versionId().equals(version)))
                .toList();
    }

    /** The runs that build a job's new dataset versions from the partitions its inputs have. */
    public static List<NewRun> forRebuild(Tx tx, JobRow job) {
        List<VersionRef> inputs = DatasetVersions.inputs(tx, job);
        ObjectNode trigger = Json.object().put("trigger", "rebuild");
        List<NewRun> runs = new ArrayList<>();
        if (job.executionStrategy() == ExecutionStrategy.PerUpdate) {
            for (VersionRef input : inputs) {
                for (String key : keys(tx, input)) {
                    outputKey(job, key).ifPresent(out -> runs.add(NewRun.of(job, List.of(out), trigger.deepCopy()
                            .put("dataset", input.dataset()).put("partition", key))));
                }
            }
            return runs;
        }
        Set<String> keys = null;
        for (VersionRef input : inputs) {
            Set<String> have = new LinkedHashSet<>(keys(tx, input));
            if (job.fanInKey().isPresent()) {
                keys = keys == null ? have : keys;
                keys.addAll(have);
            } else if (keys == null) {
                keys = have;
            } else {
                keys.retainAll(have);
            }
        }
        Set<String> outputs = new LinkedHashSet<>();
        (keys == null ? Set.<String>of() : keys).forEach(k -> outputKey(job, k).ifPresent(outputs::add));
        outputs.forEach(key -> runs.add(NewRun.of(job, List.of(key), trigger.deepCopy())));
        return runs;
    }

    private static Optional<String> outputKey(JobRow job, String inputKey) {
        Optional<String> fanIn = job.fanInKey();
        if (fanIn.isPresent()) {
            return fanIn;
        }
        return job.partitions().contains(inputKey) ? Optional.of(inputKey) : Optional.empty();
    }

    private static boolean allHave(Tx tx, List<VersionRef> inputs, String key) {
        for (VersionRef input : inputs) {
            boolean has = tx.queryOne("SELECT 1 FROM tasker_data.partition_versions WHERE dataset_uuid = ?"
                    + " AND dataset_version = ? AND partition_key = ?", row -> true, input.datasetId(),
                    input.versionId(), key).isPresent();
            if (!has) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a run of the job for the key is already waiting to start, so that the commit needs no second one: it
     * reads the partition as it is when it runs. A commit that carries an invalidation hands it to that run (which
     * then records it as processed when it completes; reading the whole partition covers any row filter), unless the
     * run already carries another invalidation: then the commit gets a run of its own.
     */
    private static boolean queued(Tx tx, JobRow job, String key, Optional<Cascade> invalidation) {
        Optional<UUID> run = tx.queryOne("SELECT id FROM tasker_data.tasks WHERE job_id = ? AND status IN"
                + " ('waiting', 'queued') AND partitions = ARRAY[?]::text[] ORDER BY created_at LIMIT 1",
                row -> row.getObject(1, UUID.class), job.id(), key);
        if (run.isEmpty() || invalidation.isEmpty()) {
            return run.isPresent();
        }
        return tx.update("""
                UPDATE tasker_data.tasks
                SET input_versions = coalesce(input_versions, '{}'::jsonb) || jsonb_build_object('invalidation_id', ?)
                WHERE id = ? AND status IN ('waiting', 'queued')
                  AND coalesce(input_versions ->> 'invalidation_id', ?) = ?
                """, invalidation.get().id().toString(), run.get(), invalidation.get().id().toString(),
                invalidation.get().id().toString()) == 1;
    }

    static List<String> keys(Tx tx, VersionRef input) {
        return tx.query("SELECT partition_key FROM tasker_data.partition_versions WHERE dataset_uuid = ?"
                + " AND dataset_version = ? ORDER BY partition_key", row -> row.getString(1), input.datasetId(),
                input.versionId());
    }
}
