package io.tasker.worker;

import io.tasker.engine.EngineEvents;
import io.tasker.engine.ResultWriter;
import io.tasker.store.jdbc.Jdbc;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The claim loop of one engine: while it has free handler slots it claims ready steps of the namespaces it serves
 * (in batches, one statement each), starts their handlers, and otherwise sleeps until woken by NOTIFY, a freed
 * slot, or the fallback poll. It also renews the leases of its running attempts.
 */
public final class Worker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Worker.class);

    /** How the worker runs. */
    public record Settings(List<String> namespaces, int concurrency, int claimBatch, Duration pollInterval,
                           Duration lease, String workerId) {
        public Settings {
            namespaces = List.copyOf(namespaces);
        }
    }

    private final Jdbc jdbc;
    private final StepQueue queue;
    private final HandlerRunner runner;
    private final LeaseStore leases;
    private final ResultWriter writer;
    private final Settings settings;
    private final Clock clock;
    private final EngineEvents events;
    private final Semaphore slots;
    private final WorkSignal signal = new WorkSignal();
    private final Map<UUID, RunningStep> running = new ConcurrentHashMap<>();
    private final ResultRecorder results;
    private final ClaimRounds rounds;
    private final Thread loop;
    private final Thread leaseKeeper;
    private volatile boolean claiming = true;
    private volatile boolean throttled;

    Worker(Jdbc jdbc, StepQueue queue, HandlerRunner runner, LeaseStore leases, ResultWriter writer,
           Settings settings, Clock clock, EngineEvents events, ResultRecorder results) {
        this.jdbc = jdbc;
        this.results = results;
        this.queue = queue;
        this.runner = runner;
        this.leases = leases;
        this.writer = writer;
        this.settings = settings;
        this.clock = clock;
        this.events = events;
        this.slots = new Semaphore(settings.concurrency());
        this.rounds = new ClaimRounds(jdbc, queue, settings, clock, events);
        this.loop = Thread.ofPlatform().daemon().name("tasker-worker").start(this::claimLoop);
        this.leaseKeeper = Thread.ofPlatform().daemon().name("tasker-leases").start(this::leaseLoop);
    }

    /** Results were committed: if claiming waited for the result backlog to shrink, it goes on now. */
    void resultsCommitted() {
        if (throttled) {
            signal.signal();
        }
    }

    /** Steps may have become claimable (a notification, or this process enqueued some). */
    public void signal() {
        signal.signal();
    }

    /** True when this worker claims steps of {@code namespace}. */
    public boolean serves(String namespace) {
        return settings.namespaces().isEmpty() || settings.namespaces().contains(namespace);
    }

    /** Attempts running in this process now. */
    public int runningCount() {
        return running.size();
    }

    /** Interrupts this process's running attempts of a cancelled task; their results would be rejected anyway. */
    public void cancelTask(UUID taskUuid) {
        for (RunningStep step : running.values()) {
            if (step.claim().taskUuid().equals(taskUuid) && step.settle()) {
                log.info("Interrupting step {} of cancelled task {}", step.claim().stepName(), taskUuid);
                step.interrupt();
                finished(step);
            }
        }
    }

    /**
     * Stops claiming, lets running handlers finish for up to {@code grace}, then interrupts the rest and releases
     * their steps so another worker can take them at once.
     */
    public void shutdown(Duration grace) {
        claiming = false;
        signal.signal();
        long deadline = System.nanoTime() + grace.toNanos();
        while (!running.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        List<StepClaim> unfinished = new ArrayList<>();
        for (RunningStep step : running.values()) {
            if (step.settle()) {
                step.interrupt();
                unfinished.add(step.claim());
                finished(step);
            }
        }
        if (!unfinished.isEmpty()) {
            log.info("Releasing {} step(s) still running at shutdown", unfinished.size());
            giveBack(unfinished, false); // finished(step) freed their slots
        }
        leaseKeeper.interrupt();
        try {
            loop.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        shutdown(Duration.ZERO);
    }

    private void claimLoop() {
        while (claiming) {
            try {
                int free = slots.availablePermits();
                int claimed = 0;
                // Results not yet committed count against the limit too, so a slow database holds claiming back
                // instead of letting finished attempts pile up in memory.
                int room = Math.max(0, settings.concurrency() - results.backlog());
                throttled = room < Math.min(free, settings.claimBatch());
                int wanted = Math.min(Math.min(free, settings.claimBatch()), room);
                if (wanted > 0) {
                    claimed = claimAndStart(wanted);
                }
                if (claimed == 0 || claimed < wanted) {
                    signal.await(settings.pollInterval());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("Claiming steps failed", e);
                sleepQuietly(settings.pollInterval());
            }
        }
    }

    /** Slots first: eager dispatch takes slots at any moment, and a claim must not wait for one holding leases. */
    private int claimAndStart(int wanted) {
        int reserved = reserveSlots(wanted);
        if (reserved == 0) {
            return 0;
        }
        List<StepClaim> claims;
        try {
            claims = rounds.claim(reserved);
        } catch (RuntimeException e) {
            slots.release(reserved);
            throw e;
        }
        // not releaseSlots: its signal would wake this loop at once to claim again from an empty queue
        slots.release(reserved - claims.size());
        claims.forEach(this::startHeld);
        return claims.size();
    }

    /** Takes up to {@code wanted} free handler slots without waiting (none while stopping); returns how many. */
    int reserveSlots(int wanted) {
        int taken = 0;
        while (claiming && taken < wanted && slots.tryAcquire()) {
            taken++;
        }
        return taken;
    }

    /** Gives back slots reserved for claims that did not happen (or whose transaction rolled back). */
    void releaseSlots(int count) {
        if (count > 0) {
            slots.release(count);
            signal.signal();
        }
    }

    /** False once this worker stops: eager claims made then are given back, not started. */
    boolean claiming() {
        return claiming;
    }

    /** Gives claimed steps back at once (another worker may take them) and frees the slots held for them. */
    void giveBack(List<StepClaim> claims, boolean slotsHeld) {
        if (slotsHeld) {
            slots.release(claims.size());
        }
        try {
            jdbc.inTransaction(tx -> writer.release(tx, claims.stream().map(c -> new ResultWriter.Held(
                    c.taskUuid(), c.stepUuid(), c.leaseToken())).toList(), clock.instant()));
        } catch (RuntimeException e) {
            log.warn("Could not release {} step(s); they run again when their leases expire", claims.size(), e);
        }
    }

    /** Starts the handler of a claim whose slot is already held (a claim, or an eager dispatch after its commit). */
    void startHeld(StepClaim claim) {
        RunningStep step = new RunningStep(claim);
        running.put(claim.stepUuid(), step);
        runner.start(step, () -> finished(step));
    }

    private void finished(RunningStep step) {
        if (running.remove(step.claim().stepUuid(), step)) {
            slots.release();
            signal.signal();
        }
    }

    private void leaseLoop() {
        long period = Math.max(100, settings.lease().toMillis() / 3);
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(period);
                renewLeases();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("Renewing leases failed", e);
            }
        }
    }

    private void renewLeases() {
        Map<UUID, UUID> tokens = new HashMap<>(results.awaitingCommit());
        running.values().stream().filter(s -> !s.isSettled())
                .forEach(s -> tokens.put(s.claim().stepUuid(), s.claim().leaseToken()));
        if (tokens.isEmpty()) {
            return;
        }
        for (UUID lost : leases.renewAll(tokens)) {
            RunningStep step = running.get(lost);
            if (step != null && step.settle()) {
                log.warn("Step {} of task {} lost its lease (cancelled, or expired and handed out again); "
                        + "interrupting its handler", step.claim().stepName(), step.claim().taskUuid());
                step.interrupt();
                finished(step);
            }
        }
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
