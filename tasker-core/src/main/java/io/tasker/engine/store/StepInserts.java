package io.tasker.engine.store;

import io.tasker.json.Json;
import io.tasker.state.StepState;
import io.tasker.store.jdbc.SqlArray;
import io.tasker.store.rows.RecordRowMapper;
import io.tasker.store.rows.WorkflowStepRow;
import io.tasker.store.jdbc.Tx;
import io.tasker.template.StepTemplate;
import io.tasker.template.Throttle;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Column arrays for inserting many steps and edges with one statement each: the steps of new tasks, and the steps a
 * decision or batch adds to a running task.
 */
public final class StepInserts {

    private static final String INSERT_STEPS = """
            INSERT INTO tasker.workflow_steps
                (workflow_step_uuid, task_uuid, named_step_uuid, retryable, max_attempts, priority, current_state,
                 namespace_name, external_handler, enqueued_at, inputs, created_at, updated_at)
            SELECT s.step_uuid, s.task_uuid, s.named_step_uuid, s.retryable, s.max_attempts, s.priority, s.state,
                   s.namespace_name, s.external_handler, s.enqueued_at, s.inputs::jsonb, ?, ?
            FROM unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::bool[], ?::int[], ?::int[], ?::text[], ?::text[],
                        ?::bool[], ?::timestamp[], ?::text[])
                AS s(step_uuid, task_uuid, named_step_uuid, retryable, max_attempts, priority, state, namespace_name,
                     external_handler, enqueued_at, inputs)
            """;

    /** The same, for a batch where some step has a concurrency or rate limit. */
    private static final String INSERT_THROTTLED_STEPS = """
            INSERT INTO tasker.workflow_steps
                (workflow_step_uuid, task_uuid, named_step_uuid, retryable, max_attempts, priority, current_state,
                 namespace_name, external_handler, enqueued_at, inputs, throttle_key, throttle, created_at, updated_at)
            SELECT s.step_uuid, s.task_uuid, s.named_step_uuid, s.retryable, s.max_attempts, s.priority, s.state,
                   s.namespace_name, s.external_handler, s.enqueued_at, s.inputs::jsonb, s.throttle_key,
                   s.throttle::jsonb, ?, ?
            FROM unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::bool[], ?::int[], ?::int[], ?::text[], ?::text[],
                        ?::bool[], ?::timestamp[], ?::text[], ?::text[], ?::text[])
                AS s(step_uuid, task_uuid, named_step_uuid, retryable, max_attempts, priority, state, namespace_name,
                     external_handler, enqueued_at, inputs, throttle_key, throttle)
            """;

    private static final String INSERT_EDGES = """
            INSERT INTO tasker.workflow_step_edges (from_step_uuid, to_step_uuid, name, created_at, updated_at)
            SELECT e.from_step, e.to_step, e.name, ?, ?
            FROM unnest(?::uuid[], ?::uuid[], ?::text[]) AS e(from_step, to_step, name)
            """;

    private final List<UUID> uuids = new ArrayList<>();
    private final List<UUID> tasks = new ArrayList<>();
    private final List<UUID> namedSteps = new ArrayList<>();
    private final List<Boolean> retryable = new ArrayList<>();
    private final List<Integer> maxAttempts = new ArrayList<>();
    private final List<Integer> priorities = new ArrayList<>();
    private final List<String> states = new ArrayList<>();
    private final List<String> namespaces = new ArrayList<>();
    private final List<Boolean> external = new ArrayList<>();
    private final List<LocalDateTime> enqueuedAt = new ArrayList<>();
    private final List<String> inputs = new ArrayList<>();
    private final List<String> throttleKeys = new ArrayList<>();
    private final List<String> throttles = new ArrayList<>();
    private final List<UUID> edgeFrom = new ArrayList<>();
    private final List<UUID> edgeTo = new ArrayList<>();
    private final List<String> edgeNames = new ArrayList<>();

    /**
     * A step, {@code pending} or (with {@code enqueued}) already {@code enqueued}.
     *
     * @param stepInputs the step's own inputs (a batch worker's cursor), or null
     * @param throttle   its concurrency or rate limit, if it has one
     */
    public void step(UUID stepUuid, UUID taskUuid, UUID namedStepUuid, StepTemplate step, int priority,
                     String namespace, Instant enqueued, JsonNode stepInputs, Optional<Throttle> throttle) {
        uuids.add(stepUuid);
        tasks.add(taskUuid);
        namedSteps.add(namedStepUuid);
        retryable.add(step.retry().retryable());
        maxAttempts.add(step.retry().maxAttempts());
        priorities.add(priority);
        states.add(enqueued == null ? StepState.PENDING.dbValue() : StepState.ENQUEUED.dbValue());
        namespaces.add(namespace);
        external.add(step.isExternal());
        enqueuedAt.add(enqueued == null ? null : LocalDateTime.ofInstant(enqueued, ZoneOffset.UTC));
        inputs.add(stepInputs == null ? null : Json.write(stepInputs));
        throttleKeys.add(throttle.map(Throttle::key).orElse(null));
        throttles.add(throttle.map(t -> Json.write(t.rules())).orElse(null));
    }

    public void edge(UUID from, UUID to, String name) {
        edgeFrom.add(from);
        edgeTo.add(to);
        edgeNames.add(name);
    }

    public boolean isEmpty() {
        return uuids.isEmpty() && edgeFrom.isEmpty();
    }

    public void insert(Tx tx, Instant now) {
        if (!uuids.isEmpty()) {
            tx.update(stepSql(), stepParameters(now));
        }
        insertEdges(tx, now);
    }

    /** Inserts the steps and edges; returns the step rows as stored (defaults and rounding included). */
    public List<WorkflowStepRow> insertReturningRows(Tx tx, Instant now) {
        List<WorkflowStepRow> rows = uuids.isEmpty() ? List.of()
                : tx.query(stepSql() + "RETURNING *", RecordRowMapper.of(WorkflowStepRow.class), stepParameters(now));
        insertEdges(tx, now);
        return rows;
    }

    /**
     * Steps without limits are written as before V3_4: creating tasks without limits pays nothing for them (and an
     * engine still writes a schema without the columns, e.g. the released V1 in its upgrade test).
     */
    private boolean throttled() {
        return throttleKeys.stream().anyMatch(java.util.Objects::nonNull);
    }

    private String stepSql() {
        return throttled() ? INSERT_THROTTLED_STEPS : INSERT_STEPS;
    }

    private Object[] stepParameters(Instant now) {
        List<Object> args = new ArrayList<>(List.of(now, now, SqlArray.uuids(uuids), SqlArray.uuids(tasks),
                SqlArray.uuids(namedSteps), SqlArray.booleans(retryable), SqlArray.integers(maxAttempts),
                SqlArray.integers(priorities), SqlArray.texts(states), SqlArray.texts(namespaces),
                SqlArray.booleans(external), SqlArray.timestamps(enqueuedAt), SqlArray.texts(inputs)));
        if (throttled()) {
            args.add(SqlArray.texts(throttleKeys));
            args.add(SqlArray.texts(throttles));
        }
        return args.toArray();
    }

    private void insertEdges(Tx tx, Instant now) {
        if (!edgeFrom.isEmpty()) {
            tx.update(INSERT_EDGES, now, now, SqlArray.uuids(edgeFrom), SqlArray.uuids(edgeTo),
                    SqlArray.texts(edgeNames));
        }
    }
}
