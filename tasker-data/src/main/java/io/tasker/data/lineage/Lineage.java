package io.tasker.data.lineage;

import io.tasker.NotFoundException;
import io.tasker.data.DataRows;
import io.tasker.store.jdbc.Jdbc;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Lineage at three levels, each answered by one SQL walk: datasets (edges from the jobs of each DAG's active
 * version), a partition (the input partitions its committing run read), and columns (the transitive closure of
 * {@code column_lineage}).
 */
public final class Lineage {

    public static final int MAX_DEPTH = 100;

    /** {@code input} feeds {@code output} through {@code dag}.{@code job}, {@code depth} steps from the start. */
    public record DatasetEdge(String input, String output, String dag, String job, int depth) {
    }

    /** {@code output.outputColumn} is made from {@code input.inputColumn} by {@code job}. */
    public record ColumnEdge(String outputDataset, String outputColumn, String inputDataset, String inputColumn,
                             String dag, String job, int depth) {
    }

    /** An input partition a run read, as it was when read; {@code current} says whether it is still that one. */
    public record InputPartition(String dataset, String partitionKey, Instant materializedAt, boolean current) {
    }

    /** A published partition and the run that made it from its inputs. */
    public record PartitionLineage(String dataset, String partitionKey, UUID datasetVersion, Instant materializedAt,
                                   Optional<UUID> runId, Optional<String> job, List<InputPartition> inputs) {
    }

    private final Jdbc jdbc;

    public Lineage(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** The datasets upstream or downstream of {@code dataset}, up to {@code depth} jobs away, as edges. */
    public List<DatasetEdge> datasets(UUID org, String dataset, Direction direction, int depth) {
        requireDataset(org, dataset);
        String sql = LineageSql.DATASETS.formatted(direction == Direction.UPSTREAM ? "e.output" : "e.input",
                direction == Direction.UPSTREAM ? "e.input" : "e.output");
        return jdbc.query(sql, row -> new DatasetEdge(row.getString("input"), row.getString("output"),
                row.getString("dag_name"), row.getString("job_name"), row.getInt("depth")),
                org, dataset, depth, depth);
    }

    /** The transitive closure of a column's lineage, upstream (what it is made from) or downstream. */
    public List<ColumnEdge> columns(UUID org, String dataset, String column, Direction direction) {
        requireDataset(org, dataset);
        String sql = LineageSql.COLUMNS.formatted(
                direction == Direction.UPSTREAM ? "cl.output_dataset_uuid" : "cl.input_dataset_uuid",
                direction == Direction.UPSTREAM ? "cl.output_column" : "cl.input_column",
                direction == Direction.UPSTREAM ? "cl.input_dataset_uuid" : "cl.output_dataset_uuid",
                direction == Direction.UPSTREAM ? "cl.input_column" : "cl.output_column");
        return jdbc.query(sql, row -> new ColumnEdge(row.getString("output_dataset"), row.getString("output_column"),
                row.getString("input_dataset"), row.getString("input_column"), row.getString("dag_name"),
                row.getString("job_name"), row.getInt("depth")), column, org, dataset, MAX_DEPTH);
    }

    /** Which input partitions the run that committed the current version's partition {@code key} read. */
    public PartitionLineage partition(UUID org, String dataset, String key) {
        requireDataset(org, dataset);
        return jdbc.queryOne(LineageSql.PARTITION, row -> new PartitionLineage(dataset, key,
                row.getObject("dataset_version", UUID.class), DataRows.instant(row, "materialized_at"),
                Optional.ofNullable(row.getObject("run_id", UUID.class)), Optional.ofNullable(row.getString("job")),
                List.of()), key, org, dataset)
                .map(p -> new PartitionLineage(p.dataset(), p.partitionKey(), p.datasetVersion(), p.materializedAt(),
                        p.runId(), p.job(), p.runId().map(this::inputs).orElse(List.of())))
                .orElseThrow(() -> new NotFoundException("dataset '" + dataset + "' has no materialised partition '"
                        + key + "' in its current version"));
    }

    private List<InputPartition> inputs(UUID run) {
        return jdbc.query(LineageSql.INPUTS, row -> new InputPartition(row.getString("dataset"),
                row.getString("input_partition_key"), DataRows.instant(row, "input_version"),
                row.getBoolean("current")), run);
    }

    private void requireDataset(UUID org, String dataset) {
        if (jdbc.queryOne("SELECT 1 FROM tasker_data.datasets WHERE org_id = ? AND name = ?", row -> true, org,
                dataset).isEmpty()) {
            throw new NotFoundException("dataset '" + dataset + "' not found");
        }
    }
}
