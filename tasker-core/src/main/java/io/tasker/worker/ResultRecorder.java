package io.tasker.worker;

import io.tasker.engine.EngineEvents;
import io.tasker.engine.ResultWriter;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.template.TemplateRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records attempt outcomes in batches: a flusher takes whatever outcomes have queued up (up to a limit) and commits
 * them, with the resulting task decisions, in one transaction. Under load many results share a commit; when idle
 * a single result is committed at once, so batching adds no latency. Outcomes are routed to flushers by task, so
 * two flushers of one process never wait for each other's lock on the same task.
 */
public final class ResultRecorder implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ResultRecorder.class);

    private final Jdbc jdbc;
    private final ResultWriter writer;
    private final OutcomeWrites writes;
    private final StepParker parker;
    private final Clock clock;
    private final EngineEvents events;
    private final int maxBatch;
    private final Consumer<ResultWriter.Result> onCommitted;
    private final EagerDispatch eager;
    private final List<BlockingQueue<StepOutcome>> queues = new ArrayList<>();
    private final List<Thread> flushers = new ArrayList<>();
    private final Map<UUID, UUID> awaitingCommit = new ConcurrentHashMap<>();
    private volatile boolean running = true;

    public ResultRecorder(Jdbc jdbc, ResultWriter writer, TemplateRegistry templates, StepParker parker, Clock clock,
                          EngineEvents events, String workerUuid, int maxBatch, int flusherCount,
                          Consumer<ResultWriter.Result> onCommitted, EagerDispatch eager) {
        this.jdbc = jdbc;
        this.eager = eager;
        this.writer = writer;
        this.writes = new OutcomeWrites(templates, workerUuid);
        this.parker = parker;
        this.clock = clock;
        this.events = events;
        this.maxBatch = maxBatch;
        this.onCommitted = onCommitted;
        for (int i = 0; i < flusherCount; i++) {
            BlockingQueue<StepOutcome> queue = new LinkedBlockingQueue<>();
            queues.add(queue);
            flushers.add(Thread.ofPlatform().daemon().name("tasker-results-" + i).start(() -> flushLoop(queue)));
        }
    }

    /** Queues an outcome; it is committed shortly by a flusher. */
    public void submit(StepOutcome outcome) {
        awaitingCommit.put(outcome.claim().stepUuid(), outcome.claim().leaseToken());
        queues.get(Math.floorMod(outcome.claim().taskUuid().hashCode(), queues.size())).add(outcome);
    }

    /**
     * The leases (step uuid to lease token) of outcomes queued but not yet committed. They must stay renewed: a lease
     * that expired while its result waited here would hand a finished step out again.
     */
    Map<UUID, UUID> awaitingCommit() {
        return Map.copyOf(awaitingCommit);
    }

    /** Outcomes waiting to be committed. */
    public int backlog() {
        return queues.stream().mapToInt(BlockingQueue::size).sum();
    }

    /** Commits what is queued, then stops the flushers. */
    @Override
    public void close() {
        running = false;
        for (Thread flusher : flushers) {
            try {
                flusher.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        List<StepOutcome> rest = new ArrayList<>();
        queues.forEach(queue -> queue.drainTo(rest));
        if (!rest.isEmpty()) {
            record(rest);
        }
    }

    private void flushLoop(BlockingQueue<StepOutcome> queue) {
        List<StepOutcome> batch = new ArrayList<>(maxBatch);
        while (running || !queue.isEmpty()) {
            try {
                StepOutcome first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                record(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void record(List<StepOutcome> outcomes) {
        List<StepOutcome.Parked> parks = new ArrayList<>();
        List<StepOutcome> results = new ArrayList<>();
        for (StepOutcome outcome : outcomes) {
            if (outcome instanceof StepOutcome.Parked parked) {
                parks.add(parked);
            } else {
                results.add(outcome);
            }
        }
        if (!results.isEmpty()) {
            recordResults(results);
        }
        if (!parks.isEmpty()) {
            recordParks(parks);
        }
    }

    /** Parks commit apart (they lock their tasks in a transaction of their own); a failed park runs again later. */
    private void recordParks(List<StepOutcome.Parked> parks) {
        try {
            ResultWriter.Result result = parker.park(parks, clock.instant());
            for (StepOutcome.Parked parked : parks) {
                reportCommitted(parked, result);
            }
            onCommitted.accept(result);
        } catch (RuntimeException e) {
            log.error("Could not park {} step(s); each runs again when its lease expires", parks.size(), e);
        } finally {
            parks.forEach(this::committed);
        }
    }

    private void recordResults(List<StepOutcome> outcomes) {
        try {
            commit(outcomes);
            outcomes.forEach(this::committed);
        } catch (RuntimeException batchFailure) {
            if (outcomes.size() == 1) {
                StepClaim claim = outcomes.get(0).claim();
                log.error("Could not record the result of step {} of task {} (attempt {}); the step runs again when "
                        + "its lease expires", claim.stepUuid(), claim.taskUuid(), claim.attempt(), batchFailure);
                committed(outcomes.get(0));
                return;
            }
            log.warn("Recording {} results together failed ({}); recording them one by one", outcomes.size(),
                    batchFailure.getMessage());
            for (StepOutcome outcome : outcomes) {
                recordResults(List.of(outcome));
            }
        }
    }

    private void committed(StepOutcome outcome) {
        awaitingCommit.remove(outcome.claim().stepUuid(), outcome.claim().leaseToken());
    }

    private void commit(List<StepOutcome> outcomes) {
        Instant now = clock.instant();
        List<ResultWriter.Success> successes = new ArrayList<>();
        List<ResultWriter.Failure> failures = new ArrayList<>();
        for (StepOutcome outcome : outcomes) {
            writes.add(outcome, now, successes, failures);
        }
        List<StepClaim> dispatched = new ArrayList<>();
        ResultWriter.Result result;
        try {
            result = jdbc.inTransaction(tx -> {
                eager.abandon(dispatched); // a transaction run again claims afresh
                dispatched.clear();
                ResultWriter.Result written = writer.write(tx, successes, failures, now, false, null);
                dispatched.addAll(eager.claim(tx, written.evaluation().enqueued(), now));
                return written;
            });
        } catch (RuntimeException e) {
            eager.abandon(dispatched);
            throw e;
        }
        eager.start(dispatched);
        for (StepOutcome outcome : outcomes) {
            reportCommitted(outcome, result);
        }
        onCommitted.accept(result);
    }

    private void reportCommitted(StepOutcome outcome, ResultWriter.Result result) {
        StepClaim claim = outcome.claim();
        if (result.rejected().contains(claim.stepUuid())) {
            log.warn("Rejected a late result for step {} of task {} (attempt {}): its lease expired or the step "
                    + "was cancelled meanwhile", claim.stepUuid(), claim.taskUuid(), claim.attempt());
            events.lateResultRejected(claim.namespace());
        } else {
            events.stepFinished(claim.namespace(), claim.templateStepName(), OutcomeWrites.outcomeName(outcome),
                    outcome.duration());
        }
    }
}
