package io.tasker.engine.store;

import io.tasker.engine.decision.StepExpansion;
import io.tasker.state.StepState;
import io.tasker.store.Rows;
import io.tasker.store.jdbc.SqlArray;
import io.tasker.store.jdbc.Tx;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** What expanding decision and batch outcomes reads: the steps that decided, and the steps their tasks have. */
public final class DynamicStepStore {

    /** A step whose result may carry an outcome, with what creating its steps needs. */
    public record DecidedStep(UUID stepUuid, UUID taskUuid, UUID namedTaskUuid, int priority, String namespace,
                              String templateStep, JsonNode taskContext) {
    }

    /** A step a task has, by uuid, as the expansion sees it. */
    public record TaskStep(UUID uuid, StepExpansion.Existing existing) {
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

    /** The given steps, by uuid. */
    public Map<UUID, DecidedStep> decidedSteps(Tx tx, Collection<UUID> stepUuids) {
        Map<UUID, DecidedStep> steps = new HashMap<>();
        tx.query(DECIDED_STEPS, row -> steps.put(row.getObject(1, UUID.class), new DecidedStep(
                row.getObject(1, UUID.class), row.getObject(2, UUID.class), row.getObject(3, UUID.class),
                row.getInt(4), row.getString(5), row.getString(6), Rows.json(row, "context"))), SqlArray.uuids(stepUuids));
        return steps;
    }

    /** Every step of the given tasks, by task, then by step name. */
    public Map<UUID, Map<String, TaskStep>> taskSteps(Tx tx, Collection<UUID> taskUuids) {
        Map<UUID, Map<String, TaskStep>> steps = new HashMap<>();
        tx.query(TASK_STEPS, row -> steps.computeIfAbsent(row.getObject(1, UUID.class), t -> new LinkedHashMap<>())
                .put(row.getString(3), new TaskStep(row.getObject(2, UUID.class), new StepExpansion.Existing(
                        row.getString(3), row.getString(4), StepState.fromDb(row.getString(5))))),
                SqlArray.uuids(taskUuids));
        return steps;
    }
}
