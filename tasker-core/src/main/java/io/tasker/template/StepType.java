package io.tasker.template;

import java.util.Locale;

/** Kinds of steps. Only {@code standard} steps run from the start without further ado; see the docs for the others. */
public enum StepType {
    STANDARD,
    DECISION,
    DEFERRED_CONVERGENCE,
    BATCHABLE,
    BATCH_WORKER;

    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
