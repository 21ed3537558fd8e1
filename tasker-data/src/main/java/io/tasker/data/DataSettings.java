package io.tasker.data;

import io.tasker.data.openlineage.OpenLineageSettings;
import io.tasker.settings.CountSetting;
import io.tasker.settings.DurationSetting;
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
 * @param openLineage   where runs' OpenLineage events go ({@code data.openlineage_url}, off by default)
 */
public record DataSettings(Path storageRoot, Path inputRoot, int queryMaxRows, Duration queryTimeout,
                           OpenLineageSettings openLineage) {

    /** Rows a query answers at most: its default and range, declared once (the settings catalog reads them). */
    public static final CountSetting QUERY_MAX_ROWS = new CountSetting("data.query_max_rows", 10_000, 1, 1_000_000);
    public static final DurationSetting QUERY_TIMEOUT = new DurationSetting("data.query_timeout",
            Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofHours(1));
    public static final int DEFAULT_QUERY_MAX_ROWS = QUERY_MAX_ROWS.defaultInt();
    public static final Duration DEFAULT_QUERY_TIMEOUT = QUERY_TIMEOUT.defaultValue();

    public DataSettings {
        Objects.requireNonNull(storageRoot, "storageRoot");
        Objects.requireNonNull(inputRoot, "inputRoot");
        QUERY_MAX_ROWS.check(queryMaxRows);
        QUERY_TIMEOUT.check(queryTimeout);
        Objects.requireNonNull(openLineage, "openLineage");
    }

    /** Settings that emit no OpenLineage events. */
    public DataSettings(Path storageRoot, Path inputRoot, int queryMaxRows, Duration queryTimeout) {
        this(storageRoot, inputRoot, queryMaxRows, queryTimeout, OpenLineageSettings.OFF);
    }

    public DataSettings withOpenLineage(OpenLineageSettings value) {
        return new DataSettings(storageRoot, inputRoot, queryMaxRows, queryTimeout, value);
    }

    /** The defaults under a data directory: {@code datasets/} and {@code input/}. */
    public static DataSettings under(Path dataDirectory) {
        return new DataSettings(dataDirectory.resolve("datasets"), dataDirectory.resolve("input"),
                DEFAULT_QUERY_MAX_ROWS, DEFAULT_QUERY_TIMEOUT);
    }
}
