package io.tasker.data;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the data layer.
 *
 * @param storageRoot   where datasets are written ({@code data.storage_root}, default {@code <data dir>/datasets})
 * @param inputRoot     where the {@code file} operator reads ({@code data.input_root}, default
 *                      {@code <data dir>/input})
 * @param queryMaxRows  rows a {@code /v1/query} answers at most ({@code data.query_max_rows})
 * @param queryTimeout  how long a query may run ({@code data.query_timeout})
 */
public record DataSettings(Path storageRoot, Path inputRoot, int queryMaxRows, Duration queryTimeout) {

    public static final int DEFAULT_QUERY_MAX_ROWS = 10_000;
    public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(30);

    public DataSettings {
        Objects.requireNonNull(storageRoot, "storageRoot");
        Objects.requireNonNull(inputRoot, "inputRoot");
        if (queryMaxRows < 1) {
            throw new IllegalArgumentException("queryMaxRows must be positive");
        }
    }

    /** The defaults under a data directory: {@code datasets/} and {@code input/}. */
    public static DataSettings under(Path dataDirectory) {
        return new DataSettings(dataDirectory.resolve("datasets"), dataDirectory.resolve("input"),
                DEFAULT_QUERY_MAX_ROWS, DEFAULT_QUERY_TIMEOUT);
    }
}
