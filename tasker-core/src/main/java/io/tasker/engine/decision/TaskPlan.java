package io.tasker.engine.decision;

import io.tasker.template.StepTemplate;
import io.tasker.template.StepType;
import io.tasker.template.TaskTemplate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which of a template's steps a new task starts with. Steps that only exist once something has happened are left
 * out: {@code batch_worker} steps, and every step downstream of a {@code decision} step or of a batch worker; they
 * are created later, when the decision or the batch says so ({@link StepExpansion}). A {@code deferred_convergence}
 * step with no such step upstream is an ordinary step.
 */
public final class TaskPlan {

    private TaskPlan() {
    }

    public static List<StepTemplate> initialSteps(TaskTemplate template) {
        Map<String, StepTemplate> byName = new HashMap<>();
        template.steps().forEach(step -> byName.put(step.name(), step));
        Map<String, Boolean> deferred = new HashMap<>();
        List<StepTemplate> initial = new ArrayList<>();
        for (StepTemplate step : template.steps()) {
            if (!isDeferred(step, byName, deferred)) {
                initial.add(step);
            }
        }
        return initial;
    }

    /** True when the step is created later: dynamic itself, or downstream of a decision or a dynamic step. */
    private static boolean isDeferred(StepTemplate step, Map<String, StepTemplate> byName, Map<String, Boolean> memo) {
        Boolean known = memo.get(step.name());
        if (known != null) {
            return known;
        }
        memo.put(step.name(), false); // templates are acyclic; this only guards against malformed input
        boolean deferred = step.type() == StepType.BATCH_WORKER;
        for (String dependency : step.dependencies()) {
            StepTemplate parent = byName.get(dependency);
            if (parent != null && (parent.type() == StepType.DECISION || isDeferred(parent, byName, memo))) {
                deferred = true;
            }
        }
        memo.put(step.name(), deferred);
        return deferred;
    }
}
