package io.tasker.data.run;

import io.tasker.json.Json;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a run's publishing step returns as its result: the partitions its attempt wrote (under
 * {@value #OUTPUTS}) and the input partitions it read (under {@value #INPUTS}). The commit hook publishes exactly
 * these when it accepts the result.
 */
public final class JobOutputs {

    public static final String OUTPUTS = "data_outputs";
    public static final String INPUTS = "data_inputs";

    /** One written partition. */
    public record Written(String dataset, UUID datasetId, UUID versionId, String partition, String location,
                          long rowCount, long bytes, String schemaHash) {

        ObjectNode toJson() {
            return Json.object().put("dataset", dataset).put("dataset_id", datasetId.toString())
                    .put("dataset_version", versionId.toString()).put("partition_key", partition)
                    .put("location", location).put("row_count", rowCount).put("bytes", bytes)
                    .put("schema_hash", schemaHash);
        }

        static Written fromJson(JsonNode json) {
            return new Written(json.path("dataset").asString(), UUID.fromString(json.path("dataset_id").asString()),
                    UUID.fromString(json.path("dataset_version").asString()), json.path("partition_key").asString(),
                    json.path("location").asString(), json.path("row_count").asLong(), json.path("bytes").asLong(),
                    json.path("schema_hash").asString());
        }
    }

    /** One input partition read, by its materialisation time. */
    public record Read(UUID datasetId, String partition, String materializedAt) {
    }

    private JobOutputs() {
    }

    public static ObjectNode result(List<Written> written, List<Read> read) {
        ObjectNode result = Json.object();
        ArrayNode outputs = result.putArray(OUTPUTS);
        written.forEach(w -> outputs.add(w.toJson()));
        ArrayNode inputs = result.putArray(INPUTS);
        read.forEach(r -> inputs.addObject().put("dataset_id", r.datasetId().toString())
                .put("partition_key", r.partition()).put("materialized_at", r.materializedAt()));
        return result;
    }
}
