package io.tasker.engine;

import io.tasker.InvalidInputException;

/**
 * Bounds on what decision and batchable steps may create.
 *
 * @param maxDecisionSteps steps one decision may name in {@code create_steps}
 * @param maxDecisionDepth decision steps on one path (a decision created by a decision is depth 2)
 * @param maxBatchWorkers  batch workers one batchable step may create
 */
public record DynamicLimits(int maxDecisionSteps, int maxDecisionDepth, int maxBatchWorkers) {

    public static final int DEFAULT_MAX_DECISION_STEPS = 100;
    public static final int DEFAULT_MAX_DECISION_DEPTH = 20;
    public static final int DEFAULT_MAX_BATCH_WORKERS = 1000;
    public static final DynamicLimits DEFAULTS = new DynamicLimits(DEFAULT_MAX_DECISION_STEPS,
            DEFAULT_MAX_DECISION_DEPTH, DEFAULT_MAX_BATCH_WORKERS);

    public DynamicLimits {
        check("maxDecisionSteps", maxDecisionSteps, 10_000);
        check("maxDecisionDepth", maxDecisionDepth, 1_000);
        check("maxBatchWorkers", maxBatchWorkers, 100_000);
    }

    private static void check(String name, int value, int max) {
        if (value < 1 || value > max) {
            throw new InvalidInputException(name + " must be between 1 and " + max + ", got " + value);
        }
    }
}
