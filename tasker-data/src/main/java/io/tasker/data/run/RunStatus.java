package io.tasker.data.run;

import java.util.Locale;
import java.util.Set;

/** Where a run is; {@code tasker_data.tasks.status} mirrors its workflow task. */
public enum RunStatus {
    /** Created by a backfill over its concurrency limit: no workflow task yet. */
    WAITING,
    QUEUED,
    RUNNING,
    RETRYING,
    SUCCEEDED,
    FAILED,
    CANCELLED;

    public static final Set<RunStatus> UNFINISHED = Set.of(WAITING, QUEUED, RUNNING, RETRYING);

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RunStatus fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
