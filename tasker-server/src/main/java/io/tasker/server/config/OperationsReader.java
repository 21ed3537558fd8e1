package io.tasker.server.config;

import io.tasker.scheduler.Retention;
import io.tasker.scheduler.StalenessDetector;
import io.tasker.server.OperationsSettings;
import io.tasker.server.delivery.DeliverySettings;

/** Reads {@link OperationsSettings}: staleness detection, retention and the outbox's delivery. */
final class OperationsReader {

    private OperationsReader() {
    }

    static OperationsSettings operations(SettingValues values) {
        StalenessDetector.Settings staleness = StalenessDetector.Settings.DEFAULTS;
        Retention.Settings retention = Retention.Settings.DEFAULTS;
        return new OperationsSettings(
                new StalenessDetector.Settings(values.bool("dlq.staleness_enabled", staleness.enabled()),
                        values.duration("dlq.staleness_interval_seconds"),
                        values.bool("dlq.staleness_dry_run", staleness.dryRun()),
                        values.integer("dlq.staleness_batch_size")),
                new Retention.Settings(values.bool("retention.enabled", retention.enabled()),
                        values.duration("retention.days"), values.bool("retention.archive", retention.archive()),
                        values.integer("retention.batch_size"), values.duration("retention.interval_minutes")),
                delivery(values));
    }

    private static DeliverySettings delivery(SettingValues values) {
        return new DeliverySettings(values.text("delivery.secret"), values.integer("delivery.max_attempts"),
                values.attempt("events.subscribers", () -> DeliverySettings.parseSubscribers(
                        values.text("events.subscribers").orElse(""))));
    }
}
