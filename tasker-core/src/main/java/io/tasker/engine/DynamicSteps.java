package io.tasker.engine;

import io.tasker.engine.decision.DynamicOutcome;
import io.tasker.engine.decision.StepExpansion;
import io.tasker.engine.store.StepInserts;
import io.tasker.engine.store.TransitionWriter;
import io.tasker.engine.store.TransitionWriter.StepPath;
import io.tasker.handler.StepResult;
import io.tasker.json.Json;
import io.tasker.state.StepState;
import io.tasker.store.Ids;
import io.tasker.store.Rows;
import io.tasker.store.jdbc.SqlArray;
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

    private static final String DECIDED_STEPS = """
            SELECT s.workflow_step_uuid, s.task_uuid, t.named_task_uuid, t.priority, s.namespace_name,
                   coalesce(s.inputs ->> 'template_step_name', ns.name) AS template_step, t.context
            FROM tasker.workflow_steps s
            JOIN tasker.tasks t ON t.task_uuid = s.task_uuid
            JOIN tasker.named_steps ns ON ns.named_step_uuid = s.named_step_uuid
            WHERE s.workflow_step_uuid = ANY (?::uuid[])
            """;

    private static final String TASK_STEPS = """
            SELECT s.task_uuid, s.workflow_step_uuid, ns.name, coalesce(s.inputs ->> 'template_step_name', ns.name),
                   s.current_state
            FROM tasker.workflow_steps s
            JOIN tasker.named_steps ns ON ns.named_step_uuid = s.named_step_uuid
            WHERE s.task_uuid = ANY (?::uuid[])
            """;

    private record DecidedStep(UUID stepUuid, UUID taskUuid, UUID namedTaskUuid, int priority, String namespace,
                               String templateStep, JsonNode taskContext) {
    }

    private record TaskStep(UUID uuid, StepExpansion.Existing existing) {
    }

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
        return tx.queryOne(DECIDED_STEPS, row -> check(row.getObject(3, UUID.class), row.getString(6), result),
                SqlArray.uuids(List.of(stepUuid))).orElse(new DynamicOutcome.None());
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
        Map<UUID, DecidedStep> steps = new HashMap<>();
        tx.query(DECIDED_STEPS, row -> steps.put(row.getObject(1, UUID.class), new DecidedStep(
                row.getObject(1, UUID.class), row.getObject(2, UUID.class), row.getObject(3, UUID.class),
                row.getInt(4), row.getString(5), row.getString(6), Rows.json(row, "context"))),
                SqlArray.uuids(relevant.stream().map(Decided::stepUuid).toList()));
        Map<UUID, Map<String, TaskStep>> taskSteps = new HashMap<>();
        tx.query(TASK_STEPS, row -> taskSteps.computeIfAbsent(row.getObject(1, UUID.class), t -> new LinkedHashMap<>())
                .put(row.getString(3), new TaskStep(row.getObject(2, UUID.class), new StepExpansion.Existing(
                        row.getString(3), row.getString(4), StepState.fromDb(row.getString(5))))),
                SqlArray.uuids(steps.values().stream().map(DecidedStep::taskUuid).distinct().toList()));

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
