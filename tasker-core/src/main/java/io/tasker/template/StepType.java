package io.tasker.template;

import java.util.Locale;

/**
 * Kinds of steps. Only {@code standard} steps run from the start without further ado; see the docs for the others.
 * The engine runs {@code wait}, {@code signal} and {@code subtask} steps itself: they have no handler, and they
 * wait without holding a worker (parked steps).
 */
public enum StepType {
    STANDARD,
    DECISION,
    DEFERRED_CONVERGENCE,
    BATCHABLE,
    BATCH_WORKER,
    WAIT,
    SIGNAL,
    SUBTASK;

    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Run by the engine's own handler ({@link #builtInCallable}), configured by the step's own fields. */
    public boolean isBuiltIn() {
        return this == WAIT || this == SIGNAL || this == SUBTASK;
    }

    /** The handler name of a built-in type, e.g. {@code tasker.wait}. */
    public String builtInCallable() {
        return "tasker." + yamlName();
    }
}
