package io.tasker.data.dag;

/**
 * How a reactive job follows its inputs: {@code PerPartition} runs once per materialised input partition key (the
 * output partition of the same key, or the job's single static key); {@code PerUpdate} once per input update,
 * reading only the partition that changed.
 */
public enum ExecutionStrategy {
    PerPartition, PerUpdate
}
