package io.tasker.server.api.data;

import io.tasker.Page;
import io.tasker.data.dataset.Datasets;
import io.tasker.data.deploy.Dags;
import io.tasker.data.deploy.JobRow;
import io.tasker.data.run.RunView;
import io.tasker.json.Json;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The JSON the data routes answer with. */
final class DataViews {

    private DataViews() {
    }

    static ObjectNode version(Dags.Version v) {
        return Json.object().put("dag_version_id", v.id().toString()).put("yaml_hash", v.yamlHash())
                .put("created_at", v.createdAt().toString()).put("current", v.current()).put("live", v.live());
    }

    static ObjectNode job(JobRow job) {
        ObjectNode json = Json.object();
        json.put("name", job.name());
        json.put("job_id", job.id().toString());
        json.put("activation", job.activation().yamlName());
        json.put("operator", job.operator());
        json.put("runtime", job.runtime());
        json.set("source", job.source());
        json.put("execution_strategy", job.executionStrategy().name());
        json.put("update_strategy", job.updateStrategy().yamlName());
        strings(json.putArray("unique_key"), job.uniqueKey());
        strings(json.putArray("inputs"), job.inputDatasets());
        strings(json.putArray("outputs"), job.outputDatasets());
        json.set("partitions", job.config().path("partitions"));
        json.set("config", job.operatorConfig());
        json.put("config_hash", job.configHash());
        json.put("timeout_seconds", job.timeoutSeconds());
        json.put("heartbeat_timeout_seconds", job.heartbeatTimeoutSeconds());
        json.put("max_attempts", job.maxAttempts());
        json.set("scaling", job.scaling());
        return json;
    }

    static ObjectNode dataset(Datasets.DatasetView d) {
        ObjectNode json = Json.object();
        json.put("name", d.name());
        json.put("dataset_id", d.id().toString());
        json.put("published", d.published());
        json.putObject("producer").put("dag", d.producerDag()).put("job", d.producerJob())
                .put("output", d.producerOutput());
        put(json, "current_version_id", d.currentVersion().map(Object::toString));
        put(json, "storage_location", d.storageLocation());
        put(json, "schema_hash", d.schemaHash());
        json.put("partition_count", d.partitions());
        json.put("row_count", d.rows());
        json.put("bytes", d.bytes());
        strings(json.putArray("read_roles"), d.readRoles());
        json.put("created_at", d.createdAt().toString());
        json.put("updated_at", d.updatedAt().toString());
        return json;
    }

    static ObjectNode partition(Datasets.PartitionView p) {
        ObjectNode json = Json.object();
        json.put("partition_key", p.key());
        json.put("status", p.status());
        put(json, "materialized_at", p.materializedAt().map(Instant::toString));
        p.rowCount().ifPresentOrElse(n -> json.put("row_count", n), () -> json.putNull("row_count"));
        p.bytes().ifPresentOrElse(n -> json.put("bytes", n), () -> json.putNull("bytes"));
        put(json, "location", p.location());
        put(json, "error", p.error());
        put(json, "freshness", p.freshness());
        strings(json.putArray("causes"), p.causes());
        return json;
    }

    static ObjectNode run(RunView r) {
        ObjectNode json = Json.object();
        json.put("run_id", r.id().toString());
        json.put("dag", r.dag());
        json.put("job", r.job());
        json.put("dag_version_id", r.dagVersionId().toString());
        json.put("status", r.status());
        strings(json.putArray("partitions"), r.partitions());
        json.put("attempts", r.attempts());
        put(json, "error", r.error());
        put(json, "worker_id", r.workerId());
        json.set("trigger", r.trigger());
        json.set("outputs", r.outputs());
        json.put("created_at", r.createdAt().toString());
        put(json, "started_at", r.startedAt().map(Instant::toString));
        put(json, "completed_at", r.completedAt().map(Instant::toString));
        put(json, "next_retry_at", r.nextRetryAt().map(Instant::toString));
        return json;
    }

    static <T> ObjectNode page(String field, Page<T> page, java.util.function.Function<T, ObjectNode> view) {
        ObjectNode json = Json.object();
        ArrayNode items = json.putArray(field);
        page.items().forEach(item -> items.add(view.apply(item)));
        json.putObject("pagination").put("page", page.page()).put("per_page", page.perPage())
                .put("total_count", page.totalCount()).put("total_pages", page.totalPages());
        return json;
    }

    static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    static void put(ObjectNode json, String field, Optional<String> value) {
        value.ifPresentOrElse(v -> json.put(field, v), () -> json.putNull(field));
    }
}
