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
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * The one writer of task and step state: every state change is a transition row, and for steps also the row's
 * {@code current_state} with the columns that go with the move ({@link StepChange}), in a single statement per
 * call. Each change is a compare-and-set: the step (and its most recent transition) or the task's most recent
 * transition must still be in the expected state, or the whole transaction fails with
 * {@link ConcurrentStateChangeException}; fenced step changes (attempt results) leave out a step whose lease is gone
 * instead. Every path is checked against the state machines first. The only other writer is
 * {@code tasker.claim_steps} (enqueued to in_progress, in SQL for one round trip; StepQueueTest checks it against
 * the machine).
 */
public final class TransitionWriter {

    /** Move a step from {@code from} through {@code states} (each hop an allowed transition). */
    public record StepPath(UUID stepUuid, StepState from, List<StepState> states, JsonNode metadata) {
        public StepPath {
            states = List.copyOf(states);
        }
    }

    /**
     * A step's path with the values its {@link StepChange} needs; null where the change does not use them.
     *
     * @param results       the result or error stored with the move
     * @param leaseToken    the lease the step must still hold (fenced changes)
     * @param nextRetryAt   when a retry is due (a failure that will be retried)
     * @param backoffSeconds the delay the handler asked for, if it asked
     * @param expiredBefore for lease reaping: only a lease that expired before this matches
     */
    public record StepMove(StepPath path, JsonNode results, UUID leaseToken, Instant nextRetryAt,
                           Integer backoffSeconds, Instant expiredBefore) {

        public static StepMove of(StepPath path) {
            return new StepMove(path, null, null, null, null, null);
        }

        public static StepMove withResults(StepPath path, JsonNode results) {
            return new StepMove(path, results, null, null, null, null);
        }
    }

    /** Move a task from {@code from} through {@code states}. */
    public record TaskPath(UUID taskUuid, TaskState from, List<TaskState> states, JsonNode metadata) {
        public TaskPath {
            states = List.copyOf(states);
        }
    }

    /** %1$s: the change's columns, %2$s: its extra conditions (see {@link StepChange}). */
    private static final String STEP_MOVES = """
            WITH p AS (SELECT ?::timestamp AS now),
            moves AS (
                SELECT * FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::uuid[], ?::timestamp[], ?::int[],
                                     ?::timestamp[])
                    AS c(step_uuid, from_state, to_state, results, lease_token, next_retry_at, backoff_seconds,
                         expired_before)
            ), moved AS (
                UPDATE tasker.workflow_steps s
                SET current_state = c.to_state, updated_at = p.now, %1$s
                FROM moves c, p
                WHERE s.workflow_step_uuid = c.step_uuid AND s.current_state = c.from_state %2$s
                RETURNING s.workflow_step_uuid, c.from_state
            ), closed AS (
                UPDATE tasker.workflow_step_transitions t
                SET most_recent = false, updated_at = p.now
                FROM moved m, p
                WHERE t.workflow_step_uuid = m.workflow_step_uuid AND t.most_recent AND t.to_state = m.from_state
                RETURNING t.workflow_step_uuid, t.sort_key
            ), inserted AS (
                INSERT INTO tasker.workflow_step_transitions
                    (workflow_step_uuid, from_state, to_state, sort_key, most_recent, metadata, created_at, updated_at)
                SELECT h.step_uuid, h.from_state, h.to_state, cl.sort_key + h.hop, h.is_last, h.metadata::jsonb,
                       p.now, p.now
                FROM unnest(?::uuid[], ?::text[], ?::text[], ?::int[], ?::bool[], ?::text[])
                    AS h(step_uuid, from_state, to_state, hop, is_last, metadata)
                JOIN closed cl ON cl.workflow_step_uuid = h.step_uuid
                CROSS JOIN p
                RETURNING workflow_step_uuid
            )
            SELECT m.workflow_step_uuid, EXISTS (SELECT 1 FROM inserted i WHERE i.workflow_step_uuid = m.workflow_step_uuid)
            FROM moved m
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

    /**
     * Moves steps along their paths, changing their rows as {@code change} says, all in one statement. Returns the
     * steps that moved; a fenced change leaves out a step whose lease no longer holds.
     *
     * @throws ConcurrentStateChangeException when an unfenced step was not in its expected state, or a step's row
     *                                        and history disagree
     */
    public Set<UUID> moveSteps(Tx tx, StepChange change, List<StepMove> moves, Instant now) {
        List<StepMove> moving = moves.stream().filter(m -> !m.path().states().isEmpty()).toList();
        if (moving.isEmpty()) {
            return Set.of();
        }
        TransitionHops hops = new TransitionHops();
        for (StepMove move : moving) {
            StepPath path = move.path();
            StepStateMachine.checkPath(path.stepUuid(), path.from(), path.states());
            hops.add(path.stepUuid(), path.from().dbValue(), path.states().stream().map(StepState::dbValue).toList(),
                    StateEvents.stepPath(path.from(), path.states()), path.metadata(), 1);
        }
        Set<UUID> moved = new HashSet<>();
        tx.query(STEP_MOVES.formatted(change.columns(), change.condition()), row -> {
            UUID step = row.getObject(1, UUID.class);
            if (!row.getBoolean(2)) {
                throw new ConcurrentStateChangeException("step " + step
                        + " was changed by another process; its transition was not applied");
            }
            return moved.add(step);
        }, now,
                SqlArray.uuids(moving.stream().map(m -> m.path().stepUuid()).toList()),
                SqlArray.texts(moving.stream().map(m -> m.path().from().dbValue()).toList()),
                SqlArray.texts(moving.stream().map(m -> m.path().states().getLast().dbValue()).toList()),
                SqlArray.jsonTexts(moving.stream().map(m -> m.results() == null ? null : Json.write(m.results()))
                        .toList()),
                SqlArray.uuids(moving.stream().map(StepMove::leaseToken).toList()),
                SqlArray.timestamps(moving.stream().map(m -> utc(m.nextRetryAt())).toList()),
                SqlArray.integers(moving.stream().map(StepMove::backoffSeconds).toList()),
                SqlArray.timestamps(moving.stream().map(m -> utc(m.expiredBefore())).toList()),
                hops.entities(), hops.fromStates(), hops.toStates(), hops.offsets(), hops.lasts(), hops.metadata());
        if (!change.fenced()) {
            requireAll("step", moving.stream().map(m -> m.path().stepUuid()).toList(), List.copyOf(moved));
        }
        return moved;
    }

    /** Moves steps that must all move ({@link #moveSteps} with paths only). */
    public void writeStepPaths(Tx tx, StepChange change, List<StepPath> paths, Instant now) {
        moveSteps(tx, change, paths.stream().map(StepMove::of).toList(), now);
    }

    public void writeTaskPaths(Tx tx, List<TaskPath> paths, Instant now) {
        List<TaskPath> moving = paths.stream().filter(p -> !p.states().isEmpty()).toList();
        if (moving.isEmpty()) {
            return;
        }
        TransitionHops hops = new TransitionHops();
        for (TaskPath path : moving) {
            TaskStateMachine.checkPath(path.taskUuid(), path.from(), path.states());
            hops.add(path.taskUuid(), path.from().dbValue(), path.states().stream().map(TaskState::dbValue).toList(),
                    StateEvents.taskPath(path.from(), path.states()), path.metadata(), 1);
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
        TransitionHops hops = new TransitionHops();
        for (StepPath path : paths) {
            if (path.states().isEmpty() || path.states().get(0) != StepState.PENDING) {
                throw new IllegalArgumentException("a new step starts in pending: " + path.stepUuid());
            }
            StepStateMachine.checkPath(path.stepUuid(), StepState.PENDING, path.states().subList(1, path.states().size()));
            List<String> events = new ArrayList<>(List.of("initialize"));
            events.addAll(StateEvents.stepPath(StepState.PENDING, path.states().subList(1, path.states().size())));
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
        TransitionHops hops = new TransitionHops();
        for (TaskPath path : paths) {
            if (path.states().isEmpty() || path.states().get(0) != TaskState.PENDING) {
                throw new IllegalArgumentException("a new task starts in pending: " + path.taskUuid());
            }
            TaskStateMachine.checkPath(path.taskUuid(), TaskState.PENDING, path.states().subList(1, path.states().size()));
            List<String> events = new ArrayList<>(List.of("initialize"));
            events.addAll(StateEvents.taskPath(TaskState.PENDING, path.states().subList(1, path.states().size())));
            hops.add(path.taskUuid(), null, path.states().stream().map(TaskState::dbValue).toList(),
                    events, path.metadata(), 1);
        }
        tx.update(FIRST_TASK_TRANSITIONS, processorUuid, now, now, hops.entities(), hops.fromStates(),
                hops.toStates(), hops.offsets(), hops.lasts(), hops.metadata());
    }

    private static LocalDateTime utc(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
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
}
