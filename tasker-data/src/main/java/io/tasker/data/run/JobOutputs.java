package io.tasker.data.run;

import io.tasker.json.Json;
import java.util.List;
import java.util.Optional;
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
    public static final String CURSORS = "data_cursors";

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

    /**
     * The cursor window an attempt of an incremental job read: from the stored cursor {@code from} (empty: none yet)
     * to {@code to}, reading from {@code readFrom} (earlier with lookback); {@code owner} is the job the cursor
     * belongs to.
     */
    public record Cursor(UUID datasetId, UUID versionId, UUID owner, String column, Optional<String> from,
                         Optional<String> to, Optional<String> readFrom, long rows) {

        ObjectNode toJson() {
            ObjectNode json = Json.object().put("dataset_id", datasetId.toString())
                    .put("dataset_version", versionId.toString()).put("job_id", owner.toString())
                    .put("column", column).put("rows", rows);
            json.put("from", from.orElse(null));
            json.put("to", to.orElse(null));
            json.put("read_from", readFrom.orElse(null));
            return json;
        }

        static Cursor fromJson(JsonNode json) {
            return new Cursor(UUID.fromString(json.path("dataset_id").asString()),
                    UUID.fromString(json.path("dataset_version").asString()),
                    UUID.fromString(json.path("job_id").asString()), json.path("column").asString(),
                    text(json, "from"), text(json, "to"), text(json, "read_from"), json.path("rows").asLong());
        }

        private static Optional<String> text(JsonNode json, String field) {
            JsonNode value = json.get(field);
            return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asString());
        }
    }

    private JobOutputs() {
    }

    public static ObjectNode result(List<Written> written, List<Read> read, List<Cursor> cursors) {
        ObjectNode result = result(written, read);
        if (!cursors.isEmpty()) {
            ArrayNode list = result.putArray(CURSORS);
            cursors.forEach(c -> list.add(c.toJson()));
        }
        return result;
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
