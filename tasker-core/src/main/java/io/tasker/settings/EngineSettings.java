package io.tasker.settings;

import java.time.Duration;

/**
 * The engine's settings, each with its default and range: the one place they are declared. The names are the
 * {@code TaskerBuilder} methods; the server's configuration keys for them are listed in its settings catalog.
 */
public final class EngineSettings {

    public static final CountSetting CONCURRENCY = new CountSetting("concurrency", 64, 1, 10_000);
    public static final CountSetting CLAIM_BATCH = new CountSetting("claimBatch", 32, 1, 1000);
    public static final DurationSetting POLL_INTERVAL = new DurationSetting("pollInterval", Duration.ofSeconds(1),
            Duration.ofMillis(10), Duration.ofHours(1));
    public static final DurationSetting LEASE = new DurationSetting("leaseDuration", Duration.ofSeconds(30),
            Duration.ofMillis(100), Duration.ofDays(1));
    public static final DurationSetting MAINTENANCE_INTERVAL = new DurationSetting("maintenanceInterval",
            Duration.ofSeconds(1), Duration.ofMillis(10), Duration.ofHours(1));
    public static final DurationSetting SHUTDOWN_GRACE = new DurationSetting("shutdownGrace", Duration.ofSeconds(30),
            Duration.ZERO, Duration.ofDays(1));
    public static final CountSetting RESULT_BATCH = new CountSetting("resultBatch", 128, 1, 10_000);
    public static final CountSetting RESULT_FLUSHERS = new CountSetting("resultFlushers", 2, 1, 64);
    public static final CountSetting MAX_CONTEXT_BYTES = new CountSetting("maxContextBytes", 1024 * 1024, 1,
            Integer.MAX_VALUE);
    public static final CountSetting MAX_RESULT_BYTES = new CountSetting("maxResultBytes", 1024 * 1024, 1,
            Integer.MAX_VALUE);
    public static final CountSetting CHECKPOINT_HISTORY = new CountSetting("checkpointHistory", 50, 1, 10_000);
    public static final CountSetting MAX_DECISION_STEPS = new CountSetting("maxDecisionSteps", 100, 1, 10_000);
    public static final CountSetting MAX_DECISION_DEPTH = new CountSetting("maxDecisionDepth", 20, 1, 1000);
    public static final CountSetting MAX_BATCH_WORKERS = new CountSetting("maxBatchWorkers", 1000, 1, 100_000);
    public static final DurationSetting STALENESS_INTERVAL = new DurationSetting("staleness interval",
            Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofDays(1));
    public static final CountSetting STALENESS_BATCH_SIZE = new CountSetting("staleness batch size", 100, 1, 10_000);
    public static final DurationSetting RETENTION_MAX_AGE = new DurationSetting("retention max age",
            Duration.ofDays(30), Duration.ofDays(1), Duration.ofDays(36_500));
    public static final CountSetting RETENTION_BATCH_SIZE = new CountSetting("retention batch size", 500, 1, 10_000);
    public static final DurationSetting RETENTION_INTERVAL = new DurationSetting("retention interval",
            Duration.ofMinutes(5), Duration.ofMinutes(1), Duration.ofDays(7));
    public static final String ENVIRONMENT = "development";
    /**
     * Eager dispatch: a result's transaction claims the steps it made ready for its own engine. Off by default: on the
     * quiet full benchmark it did not shorten the idle chain and it starved new work under load (docs/benchmarks.md).
     */
    public static final boolean EAGER_DISPATCH = false;

    private EngineSettings() {
    }
}
