package io.tasker.server.config;

import io.tasker.engine.DynamicLimits;
import io.tasker.server.ServerSettings;
import io.tasker.settings.EngineSettings;

/** Reads {@link ServerSettings.Engine}: the engine's workers, timings and limits. */
final class EngineReader {

    private EngineReader() {
    }

    static ServerSettings.Engine engine(SettingValues values) {
        return new ServerSettings.Engine(values.text("engine.environment").orElse(EngineSettings.ENVIRONMENT),
                values.integer("worker.concurrency"), values.integer("worker.claim_batch"),
                values.duration("worker.poll_interval_ms"), values.duration("worker.lease_seconds"),
                values.duration("scheduler.interval_ms"), values.duration("server.shutdown_grace_seconds"),
                values.integer("engine.max_context_bytes"), values.integer("engine.max_result_bytes"),
                values.integer("engine.checkpoint_history"),
                new DynamicLimits(values.integer("engine.max_decision_steps"),
                        values.integer("engine.max_decision_depth"), values.integer("engine.max_batch_workers")),
                values.bool("worker.eager_dispatch", EngineSettings.EAGER_DISPATCH));
    }
}
