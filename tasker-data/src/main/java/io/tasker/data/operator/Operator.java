package io.tasker.data.operator;

import io.tasker.data.storage.DuckSandbox;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the rows of one output of one partition as a Parquet file. The built-in operators are {@code file},
 * {@code sql} and {@code http}; {@code publish} writes the rows a job's own handler returned. An operator throws
 * {@link io.tasker.handler.RetryableError} or {@link io.tasker.handler.PermanentError} (with a message fit for users)
 * when it cannot.
 */
@FunctionalInterface
public interface Operator {

    /** Writes the rows with {@code duck}, a sandbox that may read the inputs and write the staging directory. */
    void write(OperatorInput input, int output, Path target, DuckSandbox duck) throws Exception;

    /** Directories the operator reads besides the inputs (the file operator's input root). */
    default List<Path> readableDirectories() {
        return List.of();
    }
}
