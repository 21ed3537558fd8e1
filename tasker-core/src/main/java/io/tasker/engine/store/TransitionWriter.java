package io.tasker.engine.store;

import io.tasker.json.Json;
import io.tasker.state.StateEvents;
import io.tasker.state.StepState;
import io.tasker.state.StepStateMachine;
import io.tasker.state.TaskState;
import io.tasker.state.TaskStateMachine;
import io.tasker.store.ConcurrentStateChangeException;
import io.tasker.store.jdbc.SqlArray;
import io.tasker.store.jdbc.Tx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes state changes as transition rows. Each change is a compare-and-set: the current most recent transition
 * must still be in the expected state, or the whole transaction fails with {@link ConcurrentStateChangeException}.
 * One call writes the paths of many tasks or steps in a single statement.
 */
public final class TransitionWriter {

    /** Move a step from {@code from} through {@code states} (each hop an allowed transition). */
    public record StepPath(UUID stepUuid, StepState from, List<StepState> states, JsonNode metadata) {
        public StepPath {
            states = List.copyOf(states);
        }
    }

    /** Move a task from {@code from} through {@code states}. */
    public record TaskPath(UUID taskUuid, TaskState from, List<TaskState> states, JsonNode metadata) {
        public TaskPath {
            states = List.copyOf(states);
        }
    }

    private static final String STEP_PATHS = """
            WITH closed AS (
                UPDATE tasker.workflow_step_transitions t
                SET most_recent = false, updated_at = ?
                FROM unnest(?::uuid[], ?::text[]) AS c(step_uuid, expected_state)
                WHERE t.workflow_step_uuid = c.step_uuid AND t.most_recent AND t.to_state = c.expected_state
                RETURNING t.workflow_step_uuid, t.sort_key
            ), hops AS (
                SELECT * FROM unnest(?::uuid[], ?::text[], ?::text[], ?::int[], ?::bool[], ?::text[])
                    AS h(step_uuid, from_state, to_state, hop, is_last, metadata)
            )
            INSERT INTO tasker.workflow_step_transitions
                (workflow_step_uuid, from_state, to_state, sort_key, most_recent, metadata, created_at, updated_at)
            SELECT h.step_uuid, h.from_state, h.to_state, c.sort_key + h.hop, h.is_last, h.metadata::jsonb, ?, ?
            FROM hops h
            JOIN closed c ON c.workflow_step_uuid = h.step_uuid
            RETURNING workflow_step_uuid
            """;

    private static final String TASK_PATHS = """
            WITH closed AS (
                UPDATE tasker.task_transitions t
                SET most_recent = false, updated_at = ?
                FROM unnest(?::uuid[], ?::text[]) AS c(task_uuid, expected_state)
                WHERE t.task_uuid = c.task_uuid AND t.most_recent AND t.to_state = c.expected_state
                RETURNING t.task_uuid, t.sort_key
            ), hops AS (
                SELECT * FROM unnest(?::uuid[], ?::text[], ?::text[], ?::int[], ?::bool[], ?::text[])
                    AS h(task_uuid, from_state, to_state, hop, is_last, metadata)
            )
            INSERT INTO tasker.task_transitions
                (task_uuid, from_state, to_state, sort_key, most_recent, metadata, processor_uuid, created_at, updated_at)
            SELECT h.task_uuid, h.from_state, h.to_state, c.sort_key + h.hop, h.is_last, h.metadata::jsonb, ?, ?, ?
            FROM hops h
            JOIN closed c ON c.task_uuid = h.task_uuid
            RETURNING task_uuid
            """;

    private static final String FIRST_STEP_TRANSITIONS = """
            INSERT INTO tasker.workflow_step_transitions
                (workflow_step_uuid, from_state, to_state, sort_key, most_recent, metadata, created_at, updated_at)
            SELECT h.step_uuid, h.from_state, h.to_state, h.hop, h.is_last, h.metadata::jsonb, ?, ?
            FROM unnest(?::uuid[], ?::text[], ?::text[], ?::int[], ?::bool[], ?::text[])
                AS h(step_uuid, from_state, to_state, hop, is_last, metadata)
            """;

    private static final String FIRST_TASK_TRANSITIONS = """
            INSERT INTO tasker.task_transitions
                (task_uuid, from_state, to_state, sort_key, most_recent, metadata, processor_uuid, created_at, updated_at)
            SELECT h.task_uuid, h.from_state, h.to_state, h.hop, h.is_last, h.metadata::jsonb, ?, ?, ?
            FROM unnest(?::uuid[], ?::text[], ?::text[], ?::int[], ?::bool[], ?::text[])
                AS h(task_uuid, from_state, to_state, hop, is_last, metadata)
            """;

    private final UUID processorUuid;

    /** @param processorUuid this engine process, recorded on every task transition */
    public TransitionWriter(UUID processorUuid) {
        this.processorUuid = processorUuid;
    }

    public void writeStepPaths(Tx tx, List<StepPath> paths, Instant now) {
        List<StepPath> moving = paths.stream().filter(p -> !p.states().isEmpty()).toList();
        if (moving.isEmpty()) {
            return;
        }
        Hops hops = new Hops();
        for (StepPath path : moving) {
            checkStepPath(path.stepUuid(), path.from(), path.states());
            hops.add(path.stepUuid(), path.from().dbValue(), path.states().stream().map(StepState::dbValue).toList(),
                    stepEvents(path.from(), path.states()), path.metadata(), 1);
        }
        List<UUID> expected = moving.stream().map(StepPath::stepUuid).toList();
        List<UUID> written = tx.query(STEP_PATHS, row -> row.getObject(1, UUID.class),
                now, SqlArray.uuids(expected), SqlArray.texts(moving.stream().map(p -> p.from().dbValue()).toList()),
                hops.entities(), hops.fromStates(), hops.toStates(), hops.offsets(), hops.lasts(), hops.metadata(),
                now, now);
        requireAll("step", expected, written);
    }

    public void writeTaskPaths(Tx tx, List<TaskPath> paths, Instant now) {
        List<TaskPath> moving = paths.stream().filter(p -> !p.states().isEmpty()).toList();
        if (moving.isEmpty()) {
            return;
        }
        Hops hops = new Hops();
        for (TaskPath path : moving) {
            checkTaskPath(path.taskUuid(), path.from(), path.states());
            hops.add(path.taskUuid(), path.from().dbValue(), path.states().stream().map(TaskState::dbValue).toList(),
                    taskEvents(path.from(), path.states()), path.metadata(), 1);
        }
        List<UUID> expected = moving.stream().map(TaskPath::taskUuid).toList();
        List<UUID> written = tx.query(TASK_PATHS, row -> row.getObject(1, UUID.class),
                now, SqlArray.uuids(expected), SqlArray.texts(moving.stream().map(p -> p.from().dbValue()).toList()),
                hops.entities(), hops.fromStates(), hops.toStates(), hops.offsets(), hops.lasts(), hops.metadata(),
                processorUuid, now, now);
        requireAll("task", expected, written);
    }

    /** First transitions of new steps: {@code null -> pending -> ...}, sort keys from 1. */
    public void writeFirstStepTransitions(Tx tx, List<StepPath> paths, Instant now) {
        if (paths.isEmpty()) {
            return;
        }
        Hops hops = new Hops();
        for (StepPath path : paths) {
            if (path.states().isEmpty() || path.states().get(0) != StepState.PENDING) {
                throw new IllegalArgumentException("a new step starts in pending: " + path.stepUuid());
            }
            checkStepPath(path.stepUuid(), StepState.PENDING, path.states().subList(1, path.states().size()));
            List<String> events = new ArrayList<>(List.of("initialize"));
            events.addAll(stepEvents(StepState.PENDING, path.states().subList(1, path.states().size())));
            hops.add(path.stepUuid(), null, path.states().stream().map(StepState::dbValue).toList(),
                    events, path.metadata(), 1);
        }
        tx.update(FIRST_STEP_TRANSITIONS, now, now, hops.entities(), hops.fromStates(), hops.toStates(),
                hops.offsets(), hops.lasts(), hops.metadata());
    }

    /** First transitions of new tasks: {@code null -> pending -> ...}, sort keys from 1. */
    public void writeFirstTaskTransitions(Tx tx, List<TaskPath> paths, Instant now) {
        if (paths.isEmpty()) {
            return;
        }
        Hops hops = new Hops();
        for (TaskPath path : paths) {
            if (path.states().isEmpty() || path.states().get(0) != TaskState.PENDING) {
                throw new IllegalArgumentException("a new task starts in pending: " + path.taskUuid());
            }
            checkTaskPath(path.taskUuid(), TaskState.PENDING, path.states().subList(1, path.states().size()));
            List<String> events = new ArrayList<>(List.of("initialize"));
            events.addAll(taskEvents(TaskState.PENDING, path.states().subList(1, path.states().size())));
            hops.add(path.taskUuid(), null, path.states().stream().map(TaskState::dbValue).toList(),
                    events, path.metadata(), 1);
        }
        tx.update(FIRST_TASK_TRANSITIONS, processorUuid, now, now, hops.entities(), hops.fromStates(),
                hops.toStates(), hops.offsets(), hops.lasts(), hops.metadata());
    }

    private static List<String> stepEvents(StepState from, List<StepState> states) {
        List<String> events = new ArrayList<>();
        StepState current = from;
        for (StepState next : states) {
            events.add(StateEvents.step(current, next));
            current = next;
        }
        return events;
    }

    private static List<String> taskEvents(TaskState from, List<TaskState> states) {
        List<String> events = new ArrayList<>();
        TaskState current = from;
        for (TaskState next : states) {
            events.add(StateEvents.task(current, next));
            current = next;
        }
        return events;
    }

    private static void checkStepPath(UUID step, StepState from, List<StepState> states) {
        StepState current = from;
        for (StepState next : states) {
            StepStateMachine.check(step, current, next);
            current = next;
        }
    }

    private static void checkTaskPath(UUID task, TaskState from, List<TaskState> states) {
        TaskState current = from;
        for (TaskState next : states) {
            TaskStateMachine.check(task, current, next);
            current = next;
        }
    }

    private static void requireAll(String kind, List<UUID> expected, List<UUID> written) {
        Set<UUID> done = new HashSet<>(written);
        for (UUID uuid : expected) {
            if (!done.contains(uuid)) {
                throw new ConcurrentStateChangeException(kind + " " + uuid
                        + " was changed by another process; its transition was not applied");
            }
        }
    }

    /** Flattened hop rows for unnest(): one row per transition. */
    private static final class Hops {
        private final List<UUID> entities = new ArrayList<>();
        private final List<String> fromStates = new ArrayList<>();
        private final List<String> toStates = new ArrayList<>();
        private final List<Integer> offsets = new ArrayList<>();
        private final List<Boolean> lasts = new ArrayList<>();
        private final List<String> metadata = new ArrayList<>();

        /** One row per state; each row's metadata is {@code meta} plus the hop's event name (unless meta names one). */
        void add(UUID entity, String from, List<String> states, List<String> events, JsonNode meta, int firstOffset) {
            String previous = from;
            for (int i = 0; i < states.size(); i++) {
                ObjectNode hopMetadata = Json.object();
                hopMetadata.put("event", events.get(i));
                if (meta != null && meta.isObject()) {
                    hopMetadata.setAll((ObjectNode) meta);
                }
                entities.add(entity);
                fromStates.add(previous);
                toStates.add(states.get(i));
                offsets.add(firstOffset + i);
                lasts.add(i == states.size() - 1);
                metadata.add(Json.write(hopMetadata));
                previous = states.get(i);
            }
        }

        SqlArray entities() {
            return SqlArray.uuids(entities);
        }

        SqlArray fromStates() {
            return SqlArray.texts(fromStates);
        }

        SqlArray toStates() {
            return SqlArray.texts(toStates);
        }

        SqlArray offsets() {
            return SqlArray.integers(offsets);
        }

        SqlArray lasts() {
            return SqlArray.booleans(lasts);
        }

        SqlArray metadata() {
            return SqlArray.jsonTexts(metadata);
        }
    }
}
