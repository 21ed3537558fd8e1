package io.tasker.server;

import io.tasker.scheduler.Retention;
import io.tasker.scheduler.StalenessDetector;
import java.util.Objects;

/**
 * How the scheduler looks after the database: staleness detection (stale tasks to the dead letter queue) and
 * retention (finished tasks removed or archived after a while).
 */
public record OperationsSettings(StalenessDetector.Settings staleness, Retention.Settings retention) {

    public static final OperationsSettings DEFAULTS = new OperationsSettings(StalenessDetector.Settings.DEFAULTS,
            Retention.Settings.DEFAULTS);

    public OperationsSettings {
        Objects.requireNonNull(staleness, "staleness");
        Objects.requireNonNull(retention, "retention");
    }
}
