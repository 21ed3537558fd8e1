package io.tasker.worker;

import io.tasker.engine.EngineEvents;
import io.tasker.store.jdbc.Tx;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Eager dispatch: the transaction that records a result and makes a child step ready also claims that child for this
 * engine, when it has a free handler slot, and the child's handler starts right after the commit. Between two steps
 * of one task there is then no NOTIFY and claim round trip. The claim is an ordinary one (lease, attempt, claimed_by,
 * {@code tasker.claim_enqueued_here}), so a process that dies after the commit loses nothing: the lease expires and
 * the scheduler hands the step out again. Steps with a concurrency key or rate limit are never dispatched this way;
 * they wait for {@code claim_steps}, which enforces their limits. Other engines still see every step not claimed here.
 *
 * <p>Use: {@link #claim} inside the result's transaction (it reserves slots), then {@link #start} after the commit or
 * {@link #abandon} when the transaction failed.
 */
final class EagerDispatch {

    private final StepQueue queue = new StepQueue();
    private final boolean enabled;
    private final Worker.Settings settings;
    private final EngineEvents events;
    private volatile Worker worker;

    EagerDispatch(boolean enabled, Worker.Settings settings, EngineEvents events) {
        this.enabled = enabled;
        this.settings = settings;
        this.events = events;
    }

    /** The worker whose slots and handlers eager claims use; until then nothing is dispatched eagerly. */
    void attach(Worker value) {
        this.worker = value;
    }

    /**
     * Claims, in the caller's transaction, up to this engine's free slots of {@code enqueued} (steps that
     * transaction made claimable). The slots of the returned claims stay reserved until {@link #start} or
     * {@link #abandon}.
     */
    List<StepClaim> claim(Tx tx, List<UUID> enqueued, Instant now) {
        Worker current = worker;
        if (!enabled || current == null || enqueued.isEmpty()) {
            return List.of();
        }
        int reserved = current.reserveSlots(enqueued.size());
        if (reserved == 0) {
            return List.of();
        }
        List<StepClaim> claims;
        try {
            claims = queue.claimEnqueuedHere(tx, enqueued, settings.namespaces(), reserved, settings.workerId(),
                    settings.lease(), now);
        } catch (RuntimeException e) {
            current.releaseSlots(reserved);
            throw e;
        }
        current.releaseSlots(reserved - claims.size());
        return claims;
    }

    /** The transaction committed: the claimed handlers start now, in the slots reserved for them. */
    void start(List<StepClaim> claims) {
        if (claims.isEmpty()) {
            return;
        }
        if (!worker.claiming()) { // stopping: no handler may start behind the shutdown
            worker.giveBack(claims, true);
            return;
        }
        events.dispatchedEagerly(claims.size());
        claims.forEach(worker::startHeld);
    }

    /** The transaction rolled back: the claims never happened; their slots are free again. */
    void abandon(List<StepClaim> claims) {
        Worker current = worker;
        if (current != null) {
            current.releaseSlots(claims.size());
        }
    }
}
