package io.tasker.engine;

import io.tasker.engine.decision.DynamicOutcome;
import io.tasker.engine.decision.StepExpansion;
import io.tasker.engine.store.DynamicStepStore;
import io.tasker.engine.store.DynamicStepStore.DecidedStep;
import io.tasker.engine.store.DynamicStepStore.TaskStep;
import io.tasker.engine.store.StepInserts;
import io.tasker.engine.store.TransitionWriter;
import io.tasker.engine.store.TransitionWriter.StepPath;
import io.tasker.handler.StepResult;
import io.tasker.json.Json;
import io.tasker.state.StepState;
import io.tasker.store.Ids;
import io.tasker.store.jdbc.Tx;
import io.tasker.template.RegisteredTemplate;
import io.tasker.template.StepTemplate;
import io.tasker.template.TemplateRegistry;
import io.tasker.template.Throttle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Decision and batch outcomes: checked before a decision or batchable step's success is stored
 * ({@link #check}), and turned into new steps, edges and first transitions in the transaction that stores it
 * ({@link #expand}), so that the task's evaluation in that same transaction already sees them.
 */
public final class DynamicSteps {

    /** A stored success of a step; only those whose result carries an outcome matter here. */
    public record Decided(UUID taskUuid, UUID stepUuid, JsonNode result) {
    }

    private final DynamicStepStore store = new DynamicStepStore();
    private final TemplateRegistry templates;
    private final TransitionWriter transitions;
    private final DynamicLimits limits;

    public DynamicSteps(TemplateRegistry templates, TransitionWriter transitions, DynamicLimits limits) {
        this.templates = templates;
        this.transitions = transitions;
        this.limits = limits;
    }

    /** The outcome a step's successful {@code result} asks for; {@link DynamicOutcome.Invalid} fails the step. */
    public DynamicOutcome check(UUID namedTaskUuid, String templateStep, JsonNode result) {
        RegisteredTemplate template = templates.get(namedTaskUuid);
        return template.template().step(templateStep)
                .map(step -> DynamicOutcome.read(template.template(), step, result, limits))
                .orElse(new DynamicOutcome.None());
    }

    /** {@link #check} for a step known by its uuid (an operator completing a decision or batchable step). */
    public DynamicOutcome check(Tx tx, UUID stepUuid, JsonNode result) {
        DecidedStep step = store.decidedSteps(tx, List.of(stepUuid)).get(stepUuid);
        return step == null ? new DynamicOutcome.None() : check(step.namedTaskUuid(), step.templateStep(), result);
    }

    /**
     * The outcome of a decision or batchable step resolved by hand: it decided nothing, so no branch and no batch
     * worker, and its convergence steps run after it as after {@code no_branches} / {@code no_batches}. Other steps
     * read it as no outcome at all. Never stored: the resolved step keeps no result.
     */
    public static JsonNode nothingCreated() {
        ObjectNode result = Json.object();
        result.putObject(StepResult.DECISION_OUTCOME).put("type", "no_branches");
        result.putObject(StepResult.BATCH_OUTCOME).put("type", "no_batches");
        return result;
    }

    /** Whether {@code result} carries a decision or batch outcome at all (a cheap filter before {@link #expand}). */
    public static boolean hasOutcome(JsonNode result) {
        return result != null && (result.has(StepResult.DECISION_OUTCOME) || result.has(StepResult.BATCH_OUTCOME));
    }

    /** Creates the steps the outcomes of these just-stored successes ask for. The tasks must be locked. */
    public void expand(Tx tx, List<Decided> decided, Instant now) {
        List<Decided> relevant = decided.stream().filter(d -> hasOutcome(d.result())).toList();
        if (relevant.isEmpty()) {
            return;
        }
        Map<UUID, DecidedStep> steps = store.decidedSteps(tx, relevant.stream().map(Decided::stepUuid).toList());
        Map<UUID, Map<String, TaskStep>> taskSteps = store.taskSteps(tx,
                steps.values().stream().map(DecidedStep::taskUuid).distinct().toList());

        StepInserts inserts = new StepInserts();
        List<StepPath> firstTransitions = new ArrayList<>();
        for (Decided one : relevant) {
            DecidedStep step = steps.get(one.stepUuid());
            RegisteredTemplate template = templates.get(step.namedTaskUuid());
            StepTemplate declared = template.template().step(step.templateStep()).orElse(null);
            if (declared == null) {
                continue;
            }
            DynamicOutcome outcome = DynamicOutcome.read(template.template(), declared, one.result(), limits);
            Map<String, TaskStep> existing = taskSteps.computeIfAbsent(step.taskUuid(), t -> new LinkedHashMap<>());
            Map<String, StepExpansion.Existing> byName = new LinkedHashMap<>();
            existing.forEach((name, taskStep) -> byName.put(name, taskStep.existing()));
            StepExpansion.Expansion expansion = StepExpansion.plan(template.template(), byName, step.templateStep(),
                    outcome);
            Map<String, UUID> namedSteps = namedStepIds(tx, template, expansion, now);
            ObjectNode metadata = Json.object().put("event", "created").put("created_by", step.templateStep());
            for (StepExpansion.NewStep created : expansion.steps()) {
                UUID uuid = Ids.next();
                inserts.step(uuid, step.taskUuid(), namedSteps.get(created.name()), created.template(),
                        step.priority(), step.namespace(), null, created.inputs(), Throttle.of(template.template(),
                                created.template(), step.taskContext() == null ? Json.object() : step.taskContext()));
                firstTransitions.add(new StepPath(uuid, StepState.PENDING, List.of(StepState.PENDING), metadata));
                existing.put(created.name(), new TaskStep(uuid, new StepExpansion.Existing(created.name(),
                        created.template().name(), StepState.PENDING)));
            }
            for (StepExpansion.NewEdge edge : expansion.edges()) {
                inserts.edge(existing.get(edge.from()).uuid(), existing.get(edge.to()).uuid(), edge.name());
            }
        }
        inserts.insert(tx, now);
        transitions.writeFirstStepTransitions(tx, firstTransitions, now);
    }

    /** Named step ids of the new steps: the template's own, and for batch workers rows made on demand. */
    private Map<String, UUID> namedStepIds(Tx tx, RegisteredTemplate template, StepExpansion.Expansion expansion,
                                           Instant now) {
        Map<String, UUID> ids = new HashMap<>();
        List<String> instances = new ArrayList<>();
        for (StepExpansion.NewStep step : expansion.steps()) {
            if (step.name().equals(step.template().name())) {
                ids.put(step.name(), template.namedStepUuid(step.name()));
            } else {
                instances.add(step.name());
            }
        }
        ids.putAll(templates.ensureStepNames(tx, instances, now));
        return ids;
    }
}
