package io.tasker.park;

import io.tasker.engine.ResultWriter;
import io.tasker.engine.TaskEvaluator;
import io.tasker.engine.store.TaskStateStore;
import io.tasker.handler.StepResult;
import io.tasker.handler.WakeOutcome;
import io.tasker.scheduler.PeriodicWork;
import io.tasker.state.TaskState;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.store.jdbc.Tx;
import io.tasker.task.TaskNotFoundException;
import io.tasker.worker.OutcomeWrites;
import io.tasker.worker.StepOutcome;
import io.tasker.worker.StepParker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Steps that wait for an event without holding a worker. A handler parks its step by returning
 * {@link StepResult#park}; anything, in any process, wakes it by its {@link ParkKey} ({@link #wake}), completing or
 * failing it exactly once; a deadline wakes it on its own (this is scheduler work: {@link #run}). An event for a
 * step that has not parked yet is kept and wakes it as soon as it parks. Everything is in the database, under the
 * task's lock, so it survives restarts and any number of engines.
 *
 * <p>A step that stops waiting without being woken (its task was cancelled or failed as stale, an operator repaired
 * it) leaves its row; the scheduler sweeps such rows, first calling the handler registered for their kind
 * ({@link #onAbandoned}), e.g. to cancel a child task or a board task.
 */
public final class ParkedSteps implements StepParker, PeriodicWork {

    private static final Logger log = LoggerFactory.getLogger(ParkedSteps.class);
    private static final int BATCH = 200;
    /** How often the scheduler looks for rows of steps that stopped waiting (a cancel sweeps its task at once). */
    static final Duration SWEEP_INTERVAL = Duration.ofSeconds(10);
    /** Pause before looking again at deadlines that passed but whose tasks were locked elsewhere. */
    private static final Duration LOCKED_PAUSE = Duration.ofMillis(50);

    private final Jdbc jdbc;
    private final TaskStateStore tasks;
    private final ResultWriter writer;
    private final OutcomeWrites outcomeWrites;
    private final Clock clock;
    private final Consumer<TaskEvaluator.Evaluation> onCommitted;
    private final ParkStore store = new ParkStore();
    private final Map<String, Consumer<ParkedStep>> abandonedHandlers = new ConcurrentHashMap<>();
    private volatile Consumer<Instant> onDeadlineSet = at -> { };
    private Instant lastSweep;

    public ParkedSteps(Jdbc jdbc, TaskStateStore tasks, ResultWriter writer, OutcomeWrites outcomeWrites, Clock clock,
                       Consumer<TaskEvaluator.Evaluation> onCommitted) {
        this.jdbc = jdbc;
        this.tasks = tasks;
        this.writer = writer;
        this.outcomeWrites = outcomeWrites;
        this.clock = clock;
        this.onCommitted = onCommitted;
    }

    /** Told of every deadline this process sets, so the scheduler can wake by then. */
    public void onDeadlineSet(Consumer<Instant> listener) {
        this.onDeadlineSet = listener;
    }

    /**
     * Runs {@code handler} (outside any transaction, at least once) for each step of {@code kind} that stopped
     * waiting without being woken, before its row is removed; a handler that throws is called again later.
     */
    public void onAbandoned(String kind, Consumer<ParkedStep> handler) {
        abandonedHandlers.put(kind, handler);
    }

    /** Completes the step waiting on {@code key} with {@code result}; see {@link #wake(ParkKey, WakeOutcome)}. */
    public WakeResult complete(ParkKey key, Object result) {
        return wake(key, WakeOutcome.complete(result));
    }

    /** Fails the step waiting on {@code key}; see {@link #wake(ParkKey, WakeOutcome)}. */
    public WakeResult fail(ParkKey key, String errorType, String message, boolean retryable) {
        return wake(key, WakeOutcome.fail(errorType, message, retryable));
    }

    /**
     * Wakes the step waiting on {@code key} with {@code outcome}, in a transaction of its own. Idempotent: a step is
     * woken once; with no step waiting, the first event is kept for the step that parks on the key next, and later
     * ones are {@link WakeResult.Status#DUPLICATE}s.
     *
     * @throws TaskNotFoundException when the task does not exist
     */
    public WakeResult wake(ParkKey key, WakeOutcome outcome) {
        Instant now = clock.instant();
        Woken woken = jdbc.inTransaction(tx -> wakeLocked(tx, key, outcome, now));
        onCommitted.accept(woken.evaluation());
        return woken.result();
    }

    /**
     * {@link #wake(ParkKey, WakeOutcome)} in the caller's transaction (e.g. the one that marks a board task done), so
     * both commit or neither does. It locks the task's row: lock your own rows first, tasks after.
     */
    public WakeResult wake(Tx tx, ParkKey key, WakeOutcome outcome) {
        return wakeLocked(tx, key, outcome, clock.instant()).result();
    }

    /** The steps of a task that wait now, oldest first. */
    public List<ParkedStep> waiting(UUID taskUuid) {
        return jdbc.withConnection(tx -> store.ofTask(tx, taskUuid));
    }

    @Override
    public ResultWriter.Result park(List<StepOutcome.Parked> parks, Instant now) {
        Set<UUID> parked = new HashSet<>();
        Set<UUID> lost = new HashSet<>();
        AtomicReference<Instant> earliest = new AtomicReference<>();
        ResultWriter.Result written = jdbc.inTransaction(tx -> {
            tasks.lock(tx, parks.stream().map(p -> p.claim().taskUuid()).toList(), false);
            Wakes wakes = new Wakes(outcomeWrites);
            Map<UUID, WakeOutcome> keptEvents = new LinkedHashMap<>();
            for (StepOutcome.Parked one : parks) {
                UUID step = one.claim().stepUuid();
                ParkKey key = new ParkKey(one.claim().taskUuid(), one.park().kind(), one.park().key());
                if (store.keyTaken(tx, key, step)) {
                    wakes.keyTaken(one, now);
                } else if (!store.park(tx, step, one.claim().leaseToken(), one.park(), now)) {
                    lost.add(step);
                } else {
                    parked.add(step);
                    store.consumeKept(tx, key, step, now).ifPresent(event -> keptEvents.put(step, event));
                    one.park().deadline().ifPresent(at -> earliest.accumulateAndGet(at,
                            (a, b) -> a == null || b.isBefore(a) ? b : a));
                }
            }
            for (ParkStore.Taken taken : store.take(tx, keptEvents.keySet(), Optional.empty(), now)) {
                wakes.add(taken, keptEvents.get(taken.parked().stepUuid()), "kept_event", now);
            }
            return writer.write(tx, wakes.successes, wakes.failures, now, false, null);
        });
        Optional.ofNullable(earliest.get()).ifPresent(onDeadlineSet);
        Set<UUID> accepted = new HashSet<>(parked);
        accepted.addAll(written.accepted());
        Set<UUID> rejected = new HashSet<>(lost);
        rejected.addAll(written.rejected());
        return new ResultWriter.Result(accepted, rejected, Set.of(), written.evaluation());
    }

    /** Scheduler work: wakes the steps whose deadline passed, and sweeps rows of steps that stopped waiting. */
    @Override
    public Optional<Instant> run(Instant now) {
        int woken;
        do {
            woken = wakeDue(now);
        } while (woken == BATCH);
        if (lastSweep == null || !now.isBefore(lastSweep.plus(SWEEP_INTERVAL))) {
            lastSweep = now;
            sweep(Optional.empty());
        }
        Optional<Instant> next = jdbc.withConnection(store::nextDeadline);
        return next.map(at -> at.isAfter(now) ? at : now.plus(LOCKED_PAUSE));
    }

    /**
     * Removes the rows of steps that stopped waiting (of one task, or all), calling their kind's abandoned handler
     * first; returns how many went.
     */
    public int sweep(Optional<UUID> taskUuid) {
        int removed = 0;
        for (ParkedStep step : jdbc.withConnection(tx -> store.abandoned(tx, taskUuid, BATCH))) {
            Consumer<ParkedStep> handler = abandonedHandlers.get(step.key().kind());
            try {
                if (handler != null) {
                    handler.accept(step);
                }
                jdbc.runInTransaction(tx -> store.forget(tx, step.stepUuid()));
                removed++;
            } catch (RuntimeException e) {
                log.warn("Handling the abandoned wait of step {} ({}) failed; trying again later", step.stepUuid(),
                        step.key(), e);
            }
        }
        return removed;
    }

    private int wakeDue(Instant now) {
        List<UUID[]> due = jdbc.withConnection(tx -> store.due(tx, now, BATCH));
        if (due.isEmpty()) {
            return 0;
        }
        TaskEvaluator.Evaluation evaluation = jdbc.inTransaction(tx -> {
            Map<UUID, TaskState> locked = tasks.lock(tx, due.stream().map(row -> row[1]).toList(), true);
            List<UUID> steps = due.stream().filter(row -> locked.containsKey(row[1])).map(row -> row[0]).toList();
            Wakes wakes = new Wakes(outcomeWrites);
            for (ParkStore.Taken taken : store.take(tx, steps, Optional.of(now), now)) {
                wakes.add(taken, taken.parked().onDeadline(), "deadline", now);
            }
            return writer.write(tx, wakes.successes, wakes.failures, now, false, null).evaluation();
        });
        onCommitted.accept(evaluation);
        return due.size();
    }

    private record Woken(WakeResult result, TaskEvaluator.Evaluation evaluation) {
        static Woken nothing(WakeResult.Status status) {
            return new Woken(WakeResult.of(status), TaskEvaluator.Evaluation.NONE);
        }
    }

    private Woken wakeLocked(Tx tx, ParkKey key, WakeOutcome outcome, Instant now) {
        TaskState state = tasks.lock(tx, List.of(key.taskUuid()), false).get(key.taskUuid());
        if (state == null) {
            throw new TaskNotFoundException(key.taskUuid());
        }
        if (state.isTerminal()) {
            return Woken.nothing(WakeResult.Status.TASK_FINISHED);
        }
        Optional<UUID> waiting = store.stepOnKey(tx, key);
        if (waiting.isEmpty()) {
            return Woken.nothing(store.keep(tx, key, outcome, now) ? WakeResult.Status.KEPT
                    : WakeResult.Status.DUPLICATE);
        }
        Wakes wakes = new Wakes(outcomeWrites);
        for (ParkStore.Taken taken : store.take(tx, waiting.stream().toList(), Optional.empty(), now)) {
            wakes.add(taken, outcome, "event", now);
        }
        store.recordConsumed(tx, key, outcome, waiting.get(), now);
        ResultWriter.Result written = writer.write(tx, wakes.successes, wakes.failures, now, false, null);
        return new Woken(WakeResult.woke(waiting.get()), written.evaluation());
    }
}
