package io.tasker.data.run;

import io.tasker.data.DataRows;
import io.tasker.store.jdbc.Tx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** Publishes an accepted attempt's partitions and records its inputs (in the recording transaction). */
final class Publication {

    private Publication() {
    }

    static List<Triggers.Committed> publish(Tx tx, RunRow run, JsonNode result, Instant now) {
        List<Triggers.Committed> committed = new ArrayList<>();
        for (JsonNode output : result.path(JobOutputs.OUTPUTS)) {
            JobOutputs.Written w = JobOutputs.Written.fromJson(output);
            tx.update("""
                    INSERT INTO tasker_data.partition_versions
                        (dataset_uuid, dataset_version, partition_key, materialized_at, config_hash, schema_hash,
                         location, row_count, bytes)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (dataset_uuid, dataset_version, partition_key) DO UPDATE
                    SET materialized_at = excluded.materialized_at, config_hash = excluded.config_hash,
                        schema_hash = excluded.schema_hash, location = excluded.location,
                        row_count = excluded.row_count, bytes = excluded.bytes
                    """, w.datasetId(), w.versionId(), w.partition(), DataRows.tz(now), run.job().configHash(),
                    w.schemaHash(), w.location(), w.rowCount(), w.bytes());
            tx.update("UPDATE tasker_data.dataset_versions SET schema_hash = ? WHERE id = ?", w.schemaHash(),
                    w.versionId());
            committed.add(new Triggers.Committed(run.job().orgId(), w.dataset(), w.versionId(), w.partition(), now,
                    java.util.Optional.empty()));
        }
        for (JsonNode input : result.path(JobOutputs.INPUTS)) {
            tx.update("""
                    INSERT INTO tasker_data.task_inputs (task_id, input_dataset_uuid, input_partition_key, input_version)
                    VALUES (?, ?, ?, ?::timestamptz) ON CONFLICT DO NOTHING
                    """, run.id(), UUID.fromString(input.path("dataset_id").asString()),
                    input.path("partition_key").asString(), input.path("materialized_at").asString());
        }
        return committed;
    }
}
