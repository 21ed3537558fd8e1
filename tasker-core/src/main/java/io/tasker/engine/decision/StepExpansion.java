package io.tasker.engine.decision;

import io.tasker.handler.BatchCursor;
import io.tasker.json.Json;
import io.tasker.state.StepState;
import io.tasker.template.StepTemplate;
import io.tasker.template.StepType;
import io.tasker.template.TaskTemplate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Which steps and edges a decision or batch outcome adds to a task: a pure function of the template, the task's
 * existing steps and the outcome.
 *
 * <ul>
 *   <li>The steps a decision names, or one batch worker per cursor, wired to the step that decided.</li>
 *   <li>Then, repeatedly, every template step whose dependencies all exist now and at least one of which is new
 *       (the rest of each branch), except the branches of another decision: only its own outcome creates them.</li>
 *   <li>Every {@code deferred_convergence} step downstream of the deciding step, wired to those of its declared
 *       dependencies that exist (for a batch worker template: all of its workers), and to any decision or batchable
 *       step still undecided that might yet create one of the others. With nothing to wait for it still runs,
 *       right after the step that decided.</li>
 *   <li>New steps that a convergence step created earlier (and not yet started) declares as dependencies are wired
 *       to it.</li>
 * </ul>
 */
public final class StepExpansion {

    /** Edge names, as the reference system records them. */
    public static final String PROVIDES = "provides";
    public static final String BATCH_DEPENDENCY = "batch_dependency";
    public static final String WORKER_TO_CONVERGENCE = "worker_to_convergence";
    /**
     * Tasker's own edge name for an edge that is not a template dependency: a convergence step waits on a decision
     * or batchable step still undecided that might create one of its dependencies (or, with nothing else to wait
     * for, is wired to the step that created it). Readiness counts it like any edge; the steps listing shows it in
     * {@code waits_for}, not in {@code depends_on}, since which of them exist depends on which step decided first.
     */
    public static final String AWAITS_OUTCOME = "awaits_outcome";

    /** A step the task already has: its name, the template step it was made from, and its state. */
    public record Existing(String name, String templateStep, StepState state) {
    }

    /** A step to create; {@code inputs} carries a batch worker's cursor (null for other steps). */
    public record NewStep(String name, StepTemplate template, JsonNode inputs) {
    }

    /** An edge between two steps, by step name (existing or new). */
    public record NewEdge(String from, String to, String name) {
    }

    public record Expansion(List<NewStep> steps, List<NewEdge> edges) {
        public static final Expansion NONE = new Expansion(List.of(), List.of());
    }

    private final TaskTemplate template;
    private final Map<String, Existing> existing;
    private final String decidedBy;
    private final Map<String, NewStep> created = new LinkedHashMap<>();
    /** By "from->to": one edge per pair (the database allows no more), a template edge winning over a wait. */
    private final Map<String, NewEdge> edges = new LinkedHashMap<>();

    private StepExpansion(TaskTemplate template, Map<String, Existing> existing, String decidedBy) {
        this.template = template;
        this.existing = existing;
        this.decidedBy = decidedBy;
    }

    /**
     * @param existing  the task's steps by name
     * @param decidedBy name of the decision or batchable step whose outcome this is
     */
    public static Expansion plan(TaskTemplate template, Map<String, Existing> existing, String decidedBy,
                                 DynamicOutcome outcome) {
        StepExpansion expansion = new StepExpansion(template, existing, decidedBy);
        switch (outcome) {
            case DynamicOutcome.CreateSteps create -> create.stepNames().forEach(name ->
                    expansion.add(template.step(name).orElseThrow(), name, null));
            case DynamicOutcome.CreateBatches batches -> {
                StepTemplate worker = template.step(batches.workerTemplate()).orElseThrow();
                for (BatchCursor cursor : batches.cursors()) {
                    String name = DynamicOutcome.workerName(batches.workerTemplate(), cursor);
                    expansion.add(worker, name, workerInputs(batches, cursor, decidedBy));
                    expansion.edge(new NewEdge(decidedBy, name, BATCH_DEPENDENCY));
                }
            }
            case DynamicOutcome.NoBranches noBranches -> {
            }
            case DynamicOutcome.NoBatches noBatches -> {
            }
            case DynamicOutcome.None none -> {
                return Expansion.NONE;
            }
            case DynamicOutcome.Invalid invalid -> {
                return Expansion.NONE;
            }
        }
        expansion.grow();
        return new Expansion(List.copyOf(expansion.created.values()), List.copyOf(expansion.edges.values()));
    }

    private static ObjectNode workerInputs(DynamicOutcome.CreateBatches batches, BatchCursor cursor, String batchable) {
        ObjectNode inputs = Json.object();
        inputs.put("template_step_name", batches.workerTemplate());
        ObjectNode batch = inputs.putObject("batch");
        batch.put("batch_id", cursor.batchId());
        batch.set("cursor", cursor.toJson());
        batch.put("cursor_field", batches.config().cursorField());
        batch.put("failure_strategy", batches.config().failureStrategy());
        batch.put("parallelism", batches.config().parallelism());
        batch.put("batchable_step", batchable);
        return inputs;
    }

    private void add(StepTemplate step, String name, JsonNode inputs) {
        if (!existing.containsKey(name) && !created.containsKey(name)) {
            created.put(name, new NewStep(name, step, inputs));
        }
    }

    /** Adds the rest of each new branch and the convergence steps, until nothing changes. */
    private void grow() {
        Set<String> descendants = templateDescendants(decidedBy);
        boolean changed = true;
        while (changed) {
            changed = false;
            for (StepTemplate step : template.steps()) {
                if (exists(step.name()) || step.type() == StepType.BATCH_WORKER) {
                    continue;
                }
                boolean add = step.type() == StepType.DEFERRED_CONVERGENCE
                        ? descendants.contains(step.name())
                        : !isDecisionBranch(step) && step.dependencies().stream().allMatch(this::exists)
                                && step.dependencies().stream().anyMatch(this::isNew);
                if (add) {
                    add(step, step.name(), null);
                    changed = true;
                }
            }
        }
        for (NewStep step : created.values()) {
            if (step.inputs() == null) {
                wire(step.template(), step.name(), true);
            }
        }
        for (Existing step : existing.values()) {
            StepTemplate declared = template.step(step.templateStep()).orElse(null);
            if (declared != null && declared.type() == StepType.DEFERRED_CONVERGENCE
                    && step.state() == StepState.PENDING) {
                wire(declared, step.name(), false);
            }
        }
    }

    /** Edges into {@code name} from its dependencies; for a new convergence also from undecided creators. */
    private void wire(StepTemplate step, String name, boolean isNew) {
        boolean convergence = step.type() == StepType.DEFERRED_CONVERGENCE;
        boolean hasParent = false;
        for (String dependency : step.dependencies()) {
            List<String> parents = instancesOf(dependency);
            for (String parent : parents) {
                boolean fresh = isNew(parent);
                if (isNew || fresh) {
                    edge(new NewEdge(parent, name, isWorker(dependency) ? WORKER_TO_CONVERGENCE : PROVIDES));
                }
            }
            hasParent |= !parents.isEmpty();
            if (convergence && isNew && parents.isEmpty()) {
                for (String creator : undecidedCreatorsOf(dependency)) {
                    edge(new NewEdge(creator, name, AWAITS_OUTCOME));
                    hasParent = true;
                }
            }
        }
        if (convergence && isNew && !hasParent) {
            edge(new NewEdge(decidedBy, name, AWAITS_OUTCOME));
        }
    }

    private void edge(NewEdge edge) {
        edges.merge(edge.from() + "->" + edge.to(), edge,
                (known, added) -> known.name().equals(AWAITS_OUTCOME) ? added : known);
    }

    /** The steps made from template step {@code name}: itself, or a batch worker template's workers. */
    private List<String> instancesOf(String name) {
        List<String> names = new ArrayList<>();
        if (isWorker(name)) {
            existing.values().stream().filter(s -> s.templateStep().equals(name) && !s.name().equals(name))
                    .forEach(s -> names.add(s.name()));
            created.values().stream().filter(s -> s.template().name().equals(name) && s.inputs() != null)
                    .forEach(s -> names.add(s.name()));
        } else if (exists(name)) {
            names.add(name);
        }
        return names;
    }

    /** Decision or batchable steps that exist, have not decided yet, and might still create {@code name}. */
    private List<String> undecidedCreatorsOf(String name) {
        Set<String> ancestors = templateAncestors(name);
        List<String> creators = new ArrayList<>();
        for (String ancestor : ancestors) {
            StepTemplate step = template.step(ancestor).orElseThrow();
            boolean dynamic = step.type() == StepType.DECISION || step.type() == StepType.BATCHABLE;
            if (dynamic && !ancestor.equals(decidedBy) && exists(ancestor) && !decided(ancestor)) {
                creators.add(ancestor);
            }
        }
        return creators;
    }

    private boolean decided(String name) {
        Existing step = existing.get(name);
        return step != null && step.state().satisfiesDependency();
    }

    /** A child of a decision step: only that decision's outcome creates it. */
    private boolean isDecisionBranch(StepTemplate step) {
        return step.dependencies().stream().anyMatch(dependency ->
                template.step(dependency).map(s -> s.type() == StepType.DECISION).orElse(false));
    }

    private boolean isWorker(String name) {
        return template.step(name).map(s -> s.type() == StepType.BATCH_WORKER).orElse(false);
    }

    private boolean exists(String name) {
        return existing.containsKey(name) || created.containsKey(name);
    }

    private boolean isNew(String name) {
        return created.containsKey(name);
    }

    private Set<String> templateDescendants(String name) {
        Map<String, List<String>> children = new HashMap<>();
        template.steps().forEach(step -> step.dependencies().forEach(dependency ->
                children.computeIfAbsent(dependency, d -> new ArrayList<>()).add(step.name())));
        return reachable(name, children);
    }

    private Set<String> templateAncestors(String name) {
        Map<String, List<String>> parents = new HashMap<>();
        template.steps().forEach(step -> parents.put(step.name(), step.dependencies()));
        return reachable(name, parents);
    }

    private static Set<String> reachable(String start, Map<String, List<String>> next) {
        Set<String> seen = new LinkedHashSet<>();
        List<String> stack = new ArrayList<>(next.getOrDefault(start, List.of()));
        while (!stack.isEmpty()) {
            String name = stack.remove(stack.size() - 1);
            if (seen.add(name)) {
                stack.addAll(next.getOrDefault(name, List.of()));
            }
        }
        return seen;
    }
}
