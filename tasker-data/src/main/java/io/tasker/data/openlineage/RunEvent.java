package io.tasker.data.openlineage;

import io.tasker.json.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One OpenLineage RunEvent (spec 2-0-2) of a data run, as JSON: the run, its job ({@code <dag>.<job>}) with the
 * {@code jobType} facet and, for the {@code sql} operator, the {@code sql} facet; the datasets it reads and writes,
 * each output with the {@code columnLineage} facet (when the job's columns have lineage) and, on completion, the
 * {@code outputStatistics} facet; a failure carries the {@code errorMessage} run facet.
 *
 * @param type      START, COMPLETE or FAIL
 * @param inputs    names of the datasets the job reads
 * @param outputs   names of the datasets the job writes, each with its column lineage
 * @param written   rows and bytes the run wrote per output dataset (COMPLETE only)
 */
public record RunEvent(String type, Instant time, UUID runId, String namespace, String job, String operator,
                       Optional<String> query, List<String> inputs, Map<String, List<ColumnSource>> outputs,
                       Map<String, Statistics> written, Optional<String> error) {

    /** Identifies Tasker's data layer as the producer of the events and their facets. */
    public static final String PRODUCER = "urn:tasker:tasker-data";
    public static final String SCHEMA_URL = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent";
    private static final String FACETS = "https://openlineage.io/spec/facets/";

    /** Output column {@code column} is made from {@code inputColumn} of input dataset {@code inputDataset}. */
    public record ColumnSource(String column, String inputDataset, String inputColumn) {
    }

    public record Statistics(long rows, long bytes) {
    }

    public ObjectNode toJson() {
        ObjectNode event = Json.object().put("eventType", type).put("eventTime", time.toString())
                .put("producer", PRODUCER).put("schemaURL", SCHEMA_URL);
        ObjectNode run = event.putObject("run").put("runId", runId.toString());
        error.ifPresent(message -> facet(run.putObject("facets"), "errorMessage", "1-0-1/ErrorMessageRunFacet.json",
                "ErrorMessageRunFacet").put("message", message).put("programmingLanguage", "JAVA"));
        ObjectNode jobNode = event.putObject("job").put("namespace", namespace).put("name", job);
        ObjectNode jobFacets = jobNode.putObject("facets");
        facet(jobFacets, "jobType", "2-0-4/JobTypeJobFacet.json", "JobTypeJobFacet").put("processingType", "BATCH")
                .put("integration", "TASKER").put("jobType", operator.toUpperCase(java.util.Locale.ROOT));
        query.ifPresent(sql -> facet(jobFacets, "sql", "1-1-0/SQLJobFacet.json", "SQLJobFacet").put("query", sql)
                .put("dialect", "duckdb"));
        ArrayNode in = event.putArray("inputs");
        inputs.forEach(name -> in.addObject().put("namespace", namespace).put("name", name));
        ArrayNode out = event.putArray("outputs");
        outputs.forEach((name, columns) -> {
            ObjectNode dataset = out.addObject().put("namespace", namespace).put("name", name);
            if (!columns.isEmpty()) {
                ObjectNode fields = facet(dataset.putObject("facets"), "columnLineage",
                        "1-2-0/ColumnLineageDatasetFacet.json", "ColumnLineageDatasetFacet").putObject("fields");
                columns.forEach(c -> {
                    ObjectNode field = fields.has(c.column()) ? (ObjectNode) fields.get(c.column())
                            : fields.putObject(c.column());
                    ArrayNode sources = field.has("inputFields") ? (ArrayNode) field.get("inputFields")
                            : field.putArray("inputFields");
                    sources.addObject().put("namespace", namespace).put("name", c.inputDataset())
                            .put("field", c.inputColumn());
                });
            }
            Statistics stats = written.get(name);
            if (stats != null) {
                facet(dataset.putObject("outputFacets"), "outputStatistics",
                        "1-0-2/OutputStatisticsOutputDatasetFacet.json", "OutputStatisticsOutputDatasetFacet")
                        .put("rowCount", stats.rows()).put("size", stats.bytes());
            }
        });
        return event;
    }

    private static ObjectNode facet(ObjectNode facets, String name, String schema, String definition) {
        return facets.putObject(name).put("_producer", PRODUCER)
                .put("_schemaURL", FACETS + schema + "#/$defs/" + definition);
    }
}
