package io.tasker.data.operator;

import java.nio.file.Path;

/**
 * Writes the rows of one output of one partition as a Parquet file. The built-in operators are {@code file},
 * {@code sql} and {@code http}; {@code publish} writes the rows a job's own handler returned. An operator throws
 * {@link io.tasker.handler.RetryableError} or {@link io.tasker.handler.PermanentError} (with a message fit for users)
 * when it cannot.
 */
@FunctionalInterface
public interface Operator {

    void write(OperatorInput input, int output, Path target) throws Exception;
}
