package io.tasker.event;

import io.tasker.store.jdbc.Jdbc;
import io.tasker.store.rows.OutboxRow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The HTTP deliveries waiting in {@code tasker.outbox} (completion webhooks, domain events), for the process that
 * delivers them (the server; the engine speaks no HTTP). Any number of deliverers may run: a claim hides a message
 * from the others until its attempt's time is up, and an attempt's outcome is recorded only by the claim that made
 * it. A message is delivered at least once, retried with growing pauses, and {@code dead} after its last attempt.
 */
public final class Outbox {

    /** The states of a message. */
    public static final Set<String> STATES = Set.of("pending", "delivered", "dead");

    private final Jdbc jdbc;
    private final Clock clock;

    public Outbox(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Claims up to {@code limit} due messages for an attempt that may take up to {@code attemptTime}. */
    public List<OutboxRow> claim(int limit, Duration attemptTime) {
        Instant now = clock.instant();
        return jdbc.inTransaction(tx -> OutboxStore.claim(tx, now, now.plus(attemptTime), limit));
    }

    /** The attempt ({@code message.attempts()} of the claim) got a 2xx. */
    public boolean delivered(OutboxRow message) {
        return jdbc.inTransaction(tx -> OutboxStore.delivered(tx, message.messageUuid(), message.attempts(),
                clock.instant()));
    }

    /**
     * The attempt failed: retried after {@code pause}, or dead when it was attempt {@code maxAttempts}. Returns the
     * message's state now (empty when the claim was no longer this attempt's).
     */
    public Optional<String> failed(OutboxRow message, int maxAttempts, Duration pause, String error) {
        return jdbc.inTransaction(tx -> OutboxStore.failed(tx, message.messageUuid(), message.attempts(), maxAttempts,
                clock.instant().plus(pause), error));
    }

    /** When the next pending message is due, if any. */
    public Optional<Instant> nextDue() {
        return jdbc.withConnection(OutboxStore::nextDue);
    }

    /** Messages in {@code state}, newest first, optionally of one task. */
    public List<OutboxRow> list(String state, Optional<UUID> task, int limit) {
        if (!STATES.contains(state)) {
            throw new io.tasker.InvalidInputException("state must be pending, delivered or dead");
        }
        return jdbc.withConnection(tx -> OutboxStore.list(tx, state, task, limit));
    }

    /** A dead message gets a fresh set of attempts, due now. False when there is no such dead message. */
    public boolean retry(UUID message) {
        return jdbc.inTransaction(tx -> OutboxStore.retry(tx, message, clock.instant()));
    }
}
