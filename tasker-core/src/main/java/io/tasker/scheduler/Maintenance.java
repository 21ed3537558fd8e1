package io.tasker.scheduler;

import io.tasker.engine.ResultWriter;
import io.tasker.engine.StepFailure;
import io.tasker.engine.TaskEvaluator;
import io.tasker.engine.store.Notifications;
import io.tasker.engine.store.TaskStateStore;
import io.tasker.json.Json;
import io.tasker.state.StepState;
import io.tasker.state.TaskState;
import io.tasker.store.jdbc.Jdbc;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The scheduler's periodic work, safe with any number of processes (each task is handled by whichever process
 * locks it first; the others skip it): steps whose retry is due are enqueued again, and steps whose lease expired
 * (their worker died) count as a failed attempt and are handed out again. It sleeps until the next retry is due or
 * the interval passes, whichever comes first, and wakes earlier when it hears (NOTIFY, from any process) of a retry
 * due sooner. On slower intervals of their own it looks for stale tasks ({@link StalenessDetector}) and removes old
 * finished ones ({@link Retention}).
 */
public final class Maintenance implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Maintenance.class);
    private static final int BATCH = 200;
    private static final Duration UNPROMOTED_PAUSE = Duration.ofMillis(50);

    /** What one round did. */
    public record Round(int retriesPromoted, int leasesRecovered, int staleTasksFound, int tasksRetired) {
    }

    /** The slower periodic jobs: staleness detection and retention, each on its own interval. */
    public record Housekeeping(StalenessDetector detector, StalenessDetector.Settings staleness, Retention retention) {
    }

    private final Jdbc jdbc;
    private final SchedulerStore store = new SchedulerStore();
    private final TaskStateStore tasks;
    private final TaskEvaluator evaluator;
    private final ResultWriter writer;
    private final Clock clock;
    private final Duration interval;
    private final Consumer<TaskEvaluator.Evaluation> onCommitted;
    private final StepTimeouts timeouts;
    private final Alarm alarm = new Alarm();
    /** The time up to which the last round promoted due retries. */
    private volatile Instant promotedUpTo;
    private final StatisticsKeeper statistics;
    private final Housekeeping housekeeping;
    private final List<PeriodicWork> periodicWork = new CopyOnWriteArrayList<>();
    /** The earliest instant a periodic work reported it next has work due, after the last round. */
    private volatile Optional<Instant> periodicWorkDue = Optional.empty();
    private Instant lastStalenessRound;
    private Instant lastRetentionRound;
    private final Thread thread;
    private volatile boolean running = true;

    public Maintenance(Jdbc jdbc, TaskStateStore tasks, TaskEvaluator evaluator, ResultWriter writer, Clock clock,
                       Duration interval, Housekeeping housekeeping, StepTimeouts timeouts,
                       Consumer<TaskEvaluator.Evaluation> onCommitted) {
        this.timeouts = timeouts;
        this.jdbc = jdbc;
        this.tasks = tasks;
        this.evaluator = evaluator;
        this.writer = writer;
        this.clock = clock;
        this.interval = interval;
        this.onCommitted = onCommitted;
        this.statistics = new StatisticsKeeper(jdbc, store);
        this.housekeeping = housekeeping;
        this.thread = Thread.ofPlatform().daemon().name("tasker-maintenance").start(this::loop);
    }

    /** Runs a round soon (e.g. after a test moved its clock, or a layer has new work due). */
    public void wakeUp() {
        alarm.ring();
    }

    /** A retry falls due at {@code due} (written here or in another process): the next round is at it at the latest. */
    public void retryScheduled(Instant due) {
        alarm.retryDue(due);
    }

    /** What the scheduler hears from other processes: retries scheduled (payload: due time in epoch ms). */
    public Map<String, Consumer<String>> channels() {
        return Map.of(Notifications.RETRY_SCHEDULED,
                millis -> retryScheduled(Instant.ofEpochMilli(Long.parseLong(millis))));
    }

    /** When the next round runs, while the loop sleeps between rounds (empty while a round runs). */
    public Optional<Instant> nextRound() {
        return alarm.wakeAt();
    }

    /** Adds work to every round (see {@link PeriodicWork}); it runs from the next round on. */
    public void add(PeriodicWork work) {
        periodicWork.add(work);
        wakeUp();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * One round: promote due retries, recover expired leases, refresh stale planner statistics; and when their
     * intervals have passed (by the engine's clock), look for stale tasks and retire old finished ones.
     */
    public synchronized Round runOnce() {
        int promoted = promoteDueRetries();
        int recovered = recoverExpiredLeases();
        statistics.refresh();
        Instant now = clock.instant();
        runPeriodicWork(now);
        int stale = 0;
        StalenessDetector.Settings staleness = housekeeping.staleness();
        if (staleness.enabled() && due(lastStalenessRound, staleness.interval(), now)) {
            lastStalenessRound = now;
            StalenessDetector.Round round = housekeeping.detector().run(staleness.dryRun(), staleness.batchSize());
            stale = round.findings().size();
            round.findings().stream().filter(f -> !f.applied()).forEach(f -> log.info(
                    "Dry run: task {} ({}/{}) is stale in {} ({} min, limit {}): would record {} and apply {}",
                    f.task().taskUuid(), f.task().namespace(), f.task().taskName(), f.task().state().dbValue(),
                    Math.round(f.task().minutesInState()), f.task().thresholdMinutes(),
                    io.tasker.dlq.DlqEnums.dbValue(f.reason()), f.action()));
            onCommitted.accept(round.evaluation());
        }
        int retired = 0;
        Retention.Settings retention = housekeeping.retention().settings();
        if (retention.enabled() && due(lastRetentionRound, retention.interval(), now)) {
            lastRetentionRound = now;
            retired = housekeeping.retention().run().tasksRemoved();
        }
        return new Round(promoted, recovered, stale, retired);
    }

    private void runPeriodicWork(Instant now) {
        Optional<Instant> earliest = Optional.empty();
        for (PeriodicWork work : periodicWork) {
            try {
                Optional<Instant> next = work.run(now);
                if (next.isPresent() && (earliest.isEmpty() || next.get().isBefore(earliest.get()))) {
                    earliest = next;
                }
            } catch (RuntimeException e) {
                log.warn("Periodic work {} failed", work.getClass().getName(), e);
            }
        }
        periodicWorkDue = earliest;
    }

    private static boolean due(Instant last, Duration interval, Instant now) {
        return last == null || !now.isBefore(last.plus(interval));
    }

    private void loop() {
        while (running) {
            try {
                runOnce();
                alarm.sleepUntil(nextRoundAt(), clock);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("Maintenance round failed", e);
                try {
                    alarm.sleepUntil(clock.instant().plus(interval), clock);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /**
     * The earliest retry waiting or periodic work due, or one interval from now. A retry that fell due after the
     * round looked is run at once; one the round saw but could not promote (its task was locked, or is blocked by a
     * failure) is looked at again after a short pause, not in a busy loop.
     */
    private Instant nextRoundAt() {
        Instant now = clock.instant();
        Instant planned = now.plus(interval);
        Optional<Instant> retry = jdbc.withConnection(store::nextRetryAt);
        if (retry.isPresent() && retry.get().isBefore(planned)) {
            boolean seen = promotedUpTo != null && !retry.get().isAfter(promotedUpTo);
            planned = retry.get().isAfter(now) ? retry.get()
                    : seen ? now.plus(interval.compareTo(UNPROMOTED_PAUSE) < 0 ? interval : UNPROMOTED_PAUSE) : now;
        }
        Optional<Instant> work = periodicWorkDue;
        if (work.isPresent() && work.get().isBefore(planned)) {
            planned = work.get().isAfter(now) ? work.get() : now;
        }
        return planned;
    }

    private int promoteDueRetries() {
        int total = 0;
        while (true) {
            Instant now = clock.instant();
            promotedUpTo = now;
            List<UUID> due = jdbc.withConnection(tx -> store.tasksWithDueRetries(tx, now, BATCH));
            if (due.isEmpty()) {
                return total;
            }
            TaskEvaluator.Evaluation evaluation = jdbc.inTransaction(tx -> {
                Map<UUID, TaskState> locked = tasks.lock(tx, due, true);
                return evaluator.evaluate(tx, locked, now, null);
            });
            onCommitted.accept(evaluation);
            total += evaluation.enqueuedSteps();
            if (due.size() < BATCH || evaluation.enqueuedSteps() == 0) {
                return total;
            }
        }
    }

    private int recoverExpiredLeases() {
        Instant now = clock.instant();
        List<ResultWriter.Failure> failures = new ArrayList<>();
        for (SchedulerStore.ExpiredLease lease : jdbc.withConnection(tx -> store.expiredLeases(tx, now, BATCH))) {
            boolean another = lease.retryable() && lease.attempts() < lease.maxAttempts();
            StepFailure failure = failure(lease);
            ObjectNode metadata = Json.object();
            metadata.put("attempt", lease.attempts());
            metadata.set("error", failure.details());
            failures.add(new ResultWriter.Failure(lease.taskUuid(), new ResultWriter.FailureWrite(lease.stepUuid(),
                    lease.leaseToken(), another ? StepState.WAITING_FOR_RETRY : StepState.ERROR, another ? now : null,
                    null, failure.result()), metadata));
        }
        if (failures.isEmpty()) {
            return 0;
        }
        ResultWriter.Result result = jdbc.inTransaction(tx -> writer.write(tx, List.of(), failures, now, true, now));
        if (!result.accepted().isEmpty()) {
            log.warn("Recovered {} step(s) whose worker stopped renewing its lease", result.accepted().size());
        }
        onCommitted.accept(result.evaluation());
        return result.accepted().size();
    }

    /** An external step's lease ends at its timeout at the latest: reaching it there is a timeout, not a dead worker. */
    private StepFailure failure(SchedulerStore.ExpiredLease lease) {
        Optional<Duration> timeout = lease.externalHandler()
                ? timeouts.of(lease.namedTaskUuid(), lease.templateStep()) : Optional.empty();
        if (timeout.isPresent() && !lease.leaseExpiresAt().isBefore(lease.lastAttemptedAt().plus(timeout.get()))) {
            return new StepFailure("TimeoutError", "external worker did not report within timeout_seconds ("
                    + timeout.get().toSeconds() + " s)", true, lease.attempts());
        }
        return new StepFailure("LeaseExpired", "the worker running attempt " + lease.attempts()
                + " stopped renewing its lease", true, lease.attempts());
    }
}
