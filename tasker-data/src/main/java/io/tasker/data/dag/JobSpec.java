package io.tasker.data.dag;

import java.util.List;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * One job of a DAG file, with the DAG's defaults applied. {@code partitions} is empty for a reactive job that takes
 * its first input's partitioning (resolved at deploy).
 */
public record JobSpec(
        String name,
        Activation activation,
        String runtime,
        String operator,
        Optional<SourceSpec> source,
        ExecutionStrategy executionStrategy,
        UpdateStrategy updateStrategy,
        List<String> uniqueKey,
        List<InputRef> inputs,
        ObjectNode config,
        Optional<PartitionSpec> partitions,
        int outputs,
        int timeoutSeconds,
        int heartbeatTimeoutSeconds,
        int maxAttempts,
        Optional<String> idleTimeout,
        Optional<Integer> maxConcurrency,
        Optional<CursorSpec> cursor,
        LineageSpec lineage) {

    public static final String DEFAULT_RUNTIME = "jvm";

    public JobSpec {
        uniqueKey = List.copyOf(uniqueKey);
        inputs = List.copyOf(inputs);
        config = config.deepCopy();
    }
}
