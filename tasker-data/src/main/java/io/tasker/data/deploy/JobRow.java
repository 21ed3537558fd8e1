package io.tasker.data.deploy;

import io.tasker.data.DataRows;
import io.tasker.data.dag.Activation;
import io.tasker.data.dag.CursorSpec;
import io.tasker.data.dag.ExecutionStrategy;
import io.tasker.data.dag.PartitionParser;
import io.tasker.data.dag.PartitionSpec;
import io.tasker.data.dag.UpdateStrategy;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A {@code tasker_data.jobs} row: one job as one DAG version deployed it. */
public record JobRow(UUID id, UUID orgId, String name, String dagName, UUID dagVersionId, Activation activation,
                     String runtime, String operator, JsonNode source, ExecutionStrategy executionStrategy,
                     Optional<String> idleTimeout, ObjectNode config, String configHash, List<String> inputDatasets,
                     List<String> outputDatasets, UpdateStrategy updateStrategy, List<String> uniqueKey,
                     JsonNode scaling, int timeoutSeconds, int heartbeatTimeoutSeconds, int maxAttempts,
                     Instant createdAt) {

    public static final String COLUMNS = """
            j.id, j.org_id, j.name, j.dag_name, j.dag_version_id, j.activation, j.runtime, j.operator, j.source,
            j.execution_strategy, j.idle_timeout, j.config, j.config_hash, j.input_datasets, j.output_datasets,
            j.update_strategy, j.unique_key, j.scaling, j.timeout_seconds, j.heartbeat_timeout_seconds,
            j.max_attempts, j.created_at""";

    public static JobRow read(ResultSet row) throws SQLException {
        return new JobRow(row.getObject("id", UUID.class), row.getObject("org_id", UUID.class), row.getString("name"),
                row.getString("dag_name"), row.getObject("dag_version_id", UUID.class),
                Activation.valueOf(row.getString("activation").toUpperCase(Locale.ROOT)), row.getString("runtime"),
                row.getString("operator"), DataRows.json(row, "source"),
                ExecutionStrategy.valueOf(row.getString("execution_strategy")),
                Optional.ofNullable(row.getString("idle_timeout")), (ObjectNode) DataRows.json(row, "config"),
                row.getString("config_hash"), DataRows.texts(row, "input_datasets"),
                DataRows.texts(row, "output_datasets"),
                UpdateStrategy.valueOf(row.getString("update_strategy").toUpperCase(Locale.ROOT)),
                DataRows.texts(row, "unique_key"), DataRows.json(row, "scaling"), row.getInt("timeout_seconds"),
                row.getInt("heartbeat_timeout_seconds"), row.getInt("max_attempts"),
                DataRows.instant(row, "created_at"));
    }

    /** The partitions the job writes. */
    public PartitionSpec partitions() {
        return PartitionParser.fromJson(config.get("partitions"));
    }

    /** The operator's own config (without the partitioning, cursor, lineage and read roles stored beside it). */
    public ObjectNode operatorConfig() {
        ObjectNode copy = config.deepCopy();
        copy.remove(List.of("partitions", "cursor", "lineage", "read_roles"));
        return copy;
    }

    /** The incremental cursor of a PerUpdate job, if it has one. */
    public Optional<CursorSpec> cursor() {
        return CursorSpec.fromJson(config.get("cursor"));
    }

    /** The single key every input partition feeds, for a job with one static partition. */
    public Optional<String> fanInKey() {
        return partitions() instanceof PartitionSpec.Static s && s.keyList().size() == 1
                ? Optional.of(s.keyList().get(0)) : Optional.empty();
    }

    public boolean cronSource() {
        return activation == Activation.SOURCE && "cron".equals(source.path("kind").asString(""));
    }
}
