package io.tasker.data.operator;

import io.tasker.data.DataRows;
import io.tasker.data.dag.ExecutionStrategy;
import io.tasker.data.dataset.DatasetVersions;
import io.tasker.data.dataset.VersionRef;
import io.tasker.data.run.RunRow;
import io.tasker.data.storage.Storage;
import io.tasker.handler.PermanentError;
import io.tasker.store.jdbc.Jdbc;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which committed input partitions a run reads for one of its partitions, as views {@code input_0..n}: a fan-in job
 * (one static output key) reads every partition of its inputs; a {@code PerUpdate} run reads the partition whose
 * update started it; otherwise a run reads the same partition key of each input, which must be materialised.
 */
final class InputSelection {

    private static final String PARTITIONS = """
            SELECT partition_key, location, materialized_at FROM tasker_data.partition_versions
            WHERE dataset_uuid = ? AND dataset_version = ? AND (?::text IS NULL OR partition_key = ?)
            ORDER BY partition_key
            """;

    private InputSelection() {
    }

    static Map<String, List<InputPartition>> select(Jdbc jdbc, Storage storage, RunRow run, String partition) {
        if (run.job().inputDatasets().isEmpty()) {
            return Map.of();
        }
        List<VersionRef> inputs = jdbc.withConnection(tx -> DatasetVersions.inputs(tx, run.job()));
        Map<String, List<InputPartition>> views = new LinkedHashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            VersionRef input = inputs.get(i);
            String key = keyToRead(run, input, partition);
            List<InputPartition> parts = jdbc.query(PARTITIONS, row -> new InputPartition(input.datasetId(),
                    row.getString(1), storage.dataFile(row.getString(2)), DataRows.instant(row, "materialized_at")),
                    input.datasetId(), input.versionId(), key, key);
            if (parts.isEmpty()) {
                throw new PermanentError("input_" + i + " (dataset " + input.dataset() + ") has "
                        + (key == null ? "no materialised partition" : "no materialised partition " + key));
            }
            views.put("input_" + i, parts);
        }
        return views;
    }

    /** The one partition key to read from an input, or null for all of them. */
    private static String keyToRead(RunRow run, VersionRef input, String partition) {
        if (run.job().fanInKey().isPresent()) {
            boolean update = run.job().executionStrategy() == ExecutionStrategy.PerUpdate;
            boolean fromThisInput = input.dataset().equals(run.trigger().path("dataset").asString(""));
            return update && fromThisInput ? run.trigger().path("partition").asString() : null;
        }
        return partition;
    }
}
