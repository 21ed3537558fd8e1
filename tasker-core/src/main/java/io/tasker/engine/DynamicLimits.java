package io.tasker.engine;

import io.tasker.settings.EngineSettings;

/**
 * Bounds on what decision and batchable steps may create.
 *
 * @param maxDecisionSteps steps one decision may name in {@code create_steps}
 * @param maxDecisionDepth decision steps on one path (a decision created by a decision is depth 2)
 * @param maxBatchWorkers  batch workers one batchable step may create
 */
public record DynamicLimits(int maxDecisionSteps, int maxDecisionDepth, int maxBatchWorkers) {

    public static final DynamicLimits DEFAULTS = new DynamicLimits(EngineSettings.MAX_DECISION_STEPS.defaultInt(),
            EngineSettings.MAX_DECISION_DEPTH.defaultInt(), EngineSettings.MAX_BATCH_WORKERS.defaultInt());

    public DynamicLimits {
        EngineSettings.MAX_DECISION_STEPS.check(maxDecisionSteps);
        EngineSettings.MAX_DECISION_DEPTH.check(maxDecisionDepth);
        EngineSettings.MAX_BATCH_WORKERS.check(maxBatchWorkers);
    }
}
