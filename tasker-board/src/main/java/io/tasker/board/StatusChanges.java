package io.tasker.board;

import io.tasker.store.jdbc.Jdbc;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Completing, cancelling and releasing tasks, each in its own transaction. These are the same operations as
 * {@code update --status ...}: both run {@link Transitions}.
 */
public final class StatusChanges {

    private final Jdbc jdbc;
    private final Clock clock;
    private final Transitions transitions;
    private final Claims claims;

    StatusChanges(Jdbc jdbc, Clock clock, Transitions transitions, Claims claims) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.transitions = transitions;
        this.claims = claims;
    }

    /** Completes the task; dependents whose last open dependency it was become ready and their assignees are told. */
    public BoardTask complete(Agent agent, String id, Optional<String> summary) {
        claims.expireDue(agent.orgId());
        Instant now = clock.instant();
        BoardTask done = jdbc.inTransaction(tx -> transitions.complete(tx, agent, id, summary, now));
        transitions.committed(agent, done);
        return done;
    }

    /** Cancels the task; its dependents stay blocked and are told. */
    public BoardTask cancel(Agent agent, String id, Optional<String> reason) {
        Instant now = clock.instant();
        BoardTask cancelled = jdbc.inTransaction(tx -> transitions.cancel(tx, agent, id, reason, now));
        transitions.committed(agent, cancelled);
        return cancelled;
    }

    /** The holder gives the task back. */
    public BoardTask release(Agent agent, String id) {
        claims.expireDue(agent.orgId());
        Instant now = clock.instant();
        return jdbc.inTransaction(tx -> transitions.release(tx, agent, id, now));
    }
}
