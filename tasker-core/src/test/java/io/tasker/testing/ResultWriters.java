package io.tasker.testing;

import io.tasker.engine.DynamicLimits;
import io.tasker.engine.DynamicSteps;
import io.tasker.engine.ResultWriter;
import io.tasker.engine.TaskEvaluator;
import io.tasker.engine.store.TaskStateStore;
import io.tasker.engine.store.TransitionWriter;
import io.tasker.store.Ids;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.template.TemplateRegistry;
import java.time.Clock;

/** A {@link ResultWriter} wired like the engine's, for tests that record results directly. */
public final class ResultWriters {

    private ResultWriters() {
    }

    public static ResultWriter create(Jdbc jdbc) {
        TransitionWriter transitions = new TransitionWriter(Ids.next());
        TaskStateStore states = new TaskStateStore();
        TemplateRegistry templates = new TemplateRegistry(jdbc, handler -> true, "development", Clock.systemUTC());
        return new ResultWriter(states, transitions, new TaskEvaluator(states, transitions),
                new DynamicSteps(templates, transitions, DynamicLimits.DEFAULTS));
    }
}
