package io.tasker.template;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Checks a parsed template before anything is stored: names, unique steps, known dependencies, no cycles (the cycle
 * is named), resolvable handlers, a usable input schema, and consistent decision and batch steps.
 */
public final class TemplateValidator {

    public static final int MAX_STEPS = 1000;
    public static final Pattern NAMESPACE = Pattern.compile("[a-z0-9_]{1,29}");
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.\\-]{0,63}");
    public static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.+\\-]{0,31}");
    public static final Pattern STEP_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.\\-]{0,119}");
    private static final Pattern EVENT_NAME = Pattern.compile("[a-z0-9_]+(\\.[a-z0-9_]+)*");

    private TemplateValidator() {
    }

    /**
     * Throws {@link TemplateValidationException} listing every problem.
     *
     * @param handlerExists whether a {@code handler.callable} can be resolved where the template will run
     */
    public static void validate(TaskTemplate template, Predicate<String> handlerExists) {
        List<String> problems = new ArrayList<>();
        if (!NAMESPACE.matcher(template.namespace()).matches()) {
            problems.add("namespace_name '" + template.namespace()
                    + "' must be 1 to 29 characters of a-z, 0-9 and _");
        }
        if (!NAME.matcher(template.name()).matches()) {
            problems.add("name '" + template.name() + "' must be 1 to 64 characters of letters, digits, _ . -");
        }
        if (!VERSION.matcher(template.version()).matches()) {
            problems.add("version '" + template.version() + "' must be 1 to 32 characters of letters, digits, _ . + -");
        }
        if (template.steps().size() > MAX_STEPS) {
            problems.add("a template has at most " + MAX_STEPS + " steps, this one has " + template.steps().size());
        }
        template.inputSchema().ifPresent(schema -> InputSchema.problems(schema)
                .forEach(p -> problems.add("input_schema " + p)));

        Map<String, StepTemplate> byName = new LinkedHashMap<>();
        for (StepTemplate step : template.steps()) {
            if (byName.putIfAbsent(step.name(), step) != null) {
                problems.add("step '" + step.name() + "' is defined more than once");
            }
        }
        for (StepTemplate step : template.steps()) {
            checkStep(step, byName, handlerExists, problems);
            if (!template.limits().isEmpty() && !step.limits().isEmpty()) {
                problems.add("step '" + step.name() + "': concurrency and rate_limit go on the template or on its "
                        + "steps, not both");
            }
        }
        checkBatchWorkers(byName, problems);
        findCycle(byName).ifPresent(cycle -> problems.add("dependency cycle: " + String.join(" -> ", cycle)));
        for (Map.Entry<String, List<StepOverride>> environment : template.environments().entrySet()) {
            for (StepOverride override : environment.getValue()) {
                if (!override.stepName().equals(StepOverride.ALL) && !byName.containsKey(override.stepName())) {
                    problems.add("environments." + environment.getKey() + ": no step named '" + override.stepName()
                            + "'");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new TemplateValidationException(template.key().toString(), problems);
        }
    }

    private static void checkStep(StepTemplate step, Map<String, StepTemplate> byName,
                                  Predicate<String> handlerExists, List<String> problems) {
        String where = "step '" + step.name() + "': ";
        if (!STEP_NAME.matcher(step.name()).matches()) {
            problems.add(where + "name must be 1 to 120 characters of letters, digits, _ . -");
        }
        Set<String> seen = new HashSet<>();
        for (String dependency : step.dependencies()) {
            if (!seen.add(dependency)) {
                problems.add(where + "depends on '" + dependency + "' twice");
            } else if (dependency.equals(step.name())) {
                problems.add(where + "depends on itself");
            } else if (!byName.containsKey(dependency)) {
                problems.add(where + "depends on unknown step '" + dependency + "'");
            }
        }
        if (!step.handler().callable().isBlank() && !handlerExists.test(step.handler().callable())) {
            problems.add(where + "handler '" + step.handler().callable() + "' cannot be resolved (not a registered "
                    + "handler name, not a StepHandler class on the class path, not 'external')");
        }
        if (step.type() == StepType.DECISION && step.dependencies().isEmpty()) {
            problems.add(where + "a decision step needs at least one dependency");
        }
        if (step.type() == StepType.BATCHABLE) {
            Optional<BatchConfig> batch = step.batchConfig();
            if (batch.isEmpty()) {
                problems.add(where + "a batchable step needs batch_config with a worker_template");
            } else {
                StepTemplate worker = byName.get(batch.get().workerTemplate());
                if (worker == null || worker.type() != StepType.BATCH_WORKER) {
                    problems.add(where + "batch_config.worker_template '" + batch.get().workerTemplate()
                            + "' must name a step of type batch_worker");
                }
            }
        }
        for (ContextPath path : BuiltInStepFields.paths(step)) {
            path.step().filter(read -> !ancestors(step, byName).contains(read)).ifPresent(read -> problems.add(where
                    + "reads " + path + " but does not depend on step '" + read + "'"));
        }
        for (EventDeclaration event : step.publishesEvents()) {
            if (!EVENT_NAME.matcher(event.name()).matches()) {
                problems.add(where + "event name '" + event.name() + "' must be dotted lower-case (a-z, 0-9, _)");
            }
        }
    }

    /**
     * Each {@code batch_worker} step is the worker template of exactly one batchable step and depends on it alone;
     * only {@code deferred_convergence} steps depend on a batch worker template (they wait for all its workers).
     */
    private static void checkBatchWorkers(Map<String, StepTemplate> byName, List<String> problems) {
        for (StepTemplate step : byName.values()) {
            if (step.type() == StepType.BATCH_WORKER) {
                List<String> batchables = byName.values().stream()
                        .filter(b -> b.type() == StepType.BATCHABLE && b.batchConfig()
                                .map(c -> c.workerTemplate().equals(step.name())).orElse(false))
                        .map(StepTemplate::name).toList();
                if (batchables.size() != 1) {
                    problems.add("step '" + step.name() + "': a batch_worker step must be the worker_template of "
                            + "exactly one batchable step, not " + batchables.size());
                } else if (!step.dependencies().equals(batchables)) {
                    problems.add("step '" + step.name() + "': a batch_worker step depends on its batchable step '"
                            + batchables.get(0) + "' and nothing else");
                }
            }
            for (String dependency : step.dependencies()) {
                StepTemplate parent = byName.get(dependency);
                if (parent != null && parent.type() == StepType.BATCH_WORKER
                        && step.type() != StepType.DEFERRED_CONVERGENCE) {
                    problems.add("step '" + step.name() + "': only a deferred_convergence step may depend on batch "
                            + "worker template '" + dependency + "'");
                }
            }
        }
    }

    /** Every step {@code step} depends on, directly or through others. */
    static Set<String> ancestors(StepTemplate step, Map<String, StepTemplate> byName) {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(step.dependencies());
        while (!todo.isEmpty()) {
            String name = todo.removeFirst();
            StepTemplate parent = byName.get(name);
            if (seen.add(name) && parent != null) {
                todo.addAll(parent.dependencies());
            }
        }
        return seen;
    }

    /** A cycle as a list of step names whose first and last element are the same, if there is one. */
    static Optional<List<String>> findCycle(Map<String, StepTemplate> steps) {
        Map<String, Integer> color = new HashMap<>(); // absent: unvisited, 1: on the stack, 2: done
        for (String start : steps.keySet()) {
            if (color.containsKey(start)) {
                continue;
            }
            Deque<String> path = new ArrayDeque<>();
            Optional<List<String>> cycle = visit(start, steps, color, path);
            if (cycle.isPresent()) {
                return cycle;
            }
        }
        return Optional.empty();
    }

    private static Optional<List<String>> visit(String step, Map<String, StepTemplate> steps,
                                                Map<String, Integer> color, Deque<String> path) {
        color.put(step, 1);
        path.addLast(step);
        for (String dependency : steps.get(step).dependencies()) {
            if (!steps.containsKey(dependency) || dependency.equals(step)) {
                continue;
            }
            Integer state = color.get(dependency);
            if (state == null) {
                Optional<List<String>> cycle = visit(dependency, steps, color, path);
                if (cycle.isPresent()) {
                    return cycle;
                }
            } else if (state == 1) {
                List<String> onStack = new ArrayList<>(path);
                List<String> cycle = new ArrayList<>(onStack.subList(onStack.indexOf(dependency), onStack.size()));
                cycle.add(dependency);
                // Reported in execution order: a step runs after the steps it depends on.
                java.util.Collections.reverse(cycle);
                return Optional.of(cycle);
            }
        }
        path.removeLast();
        color.put(step, 2);
        return Optional.empty();
    }
}
