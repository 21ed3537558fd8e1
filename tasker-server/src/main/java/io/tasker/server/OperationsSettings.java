package io.tasker.server;

import io.tasker.scheduler.Retention;
import io.tasker.scheduler.StalenessDetector;
import io.tasker.server.delivery.DeliverySettings;
import java.util.Objects;

/**
 * How the scheduler looks after the database: staleness detection (stale tasks to the dead letter queue) and
 * retention (finished tasks removed or archived after a while); and how the outbox's HTTP deliveries (completion
 * webhooks, domain events) go out.
 */
public record OperationsSettings(StalenessDetector.Settings staleness, Retention.Settings retention,
                                 DeliverySettings delivery) {

    public static final OperationsSettings DEFAULTS = new OperationsSettings(StalenessDetector.Settings.DEFAULTS,
            Retention.Settings.DEFAULTS, DeliverySettings.DEFAULTS);

    public OperationsSettings {
        Objects.requireNonNull(staleness, "staleness");
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(delivery, "delivery");
    }

    public OperationsSettings(StalenessDetector.Settings staleness, Retention.Settings retention) {
        this(staleness, retention, DeliverySettings.DEFAULTS);
    }

    public OperationsSettings withDelivery(DeliverySettings value) {
        return new OperationsSettings(staleness, retention, value);
    }
}
