package io.tasker.data.operator;

import io.tasker.data.deploy.JobRow;
import io.tasker.handler.StepContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What an operator works with for one partition: the job, the partition key, the input partitions by view name
 * ({@code input_0}, {@code input_1}, ...), the attempt's staging directory, and the step context (for heartbeats and
 * the rows of a handler's run step), and the row filters of the input views (an incremental job's cursor).
 */
public record OperatorInput(JobRow job, String partition, Map<String, List<InputPartition>> inputs, Path staging,
                            StepContext step, Map<String, String> filters) {

    public OperatorInput {
        filters = Map.copyOf(filters);
    }

    /** The row filter of an input view (a cursor's), as DuckDB SQL built from checked names, if it has one. */
    public java.util.Optional<String> filter(String view) {
        return java.util.Optional.ofNullable(filters.get(view));
    }
}
