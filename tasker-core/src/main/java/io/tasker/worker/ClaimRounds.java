package io.tasker.worker;

import io.tasker.engine.EngineEvents;
import io.tasker.store.jdbc.Jdbc;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One claim round of a worker: a single {@code claim_steps} call when it serves every namespace, else one per
 * namespace it serves until the round has what it wants, starting one namespace further each round.
 */
final class ClaimRounds {

    private final Jdbc jdbc;
    private final StepQueue queue;
    private final Worker.Settings settings;
    private final Clock clock;
    private final EngineEvents events;
    private int nextNamespace;

    ClaimRounds(Jdbc jdbc, StepQueue queue, Worker.Settings settings, Clock clock, EngineEvents events) {
        this.jdbc = jdbc;
        this.queue = queue;
        this.settings = settings;
        this.clock = clock;
        this.events = events;
    }

    /** Claims up to {@code wanted} steps (called by the worker's claim loop only, so the counter needs no lock). */
    List<StepClaim> claim(int wanted) {
        long started = System.nanoTime();
        List<StepClaim> claims;
        if (settings.namespaces().isEmpty()) {
            claims = jdbc.withConnection(tx -> queue.claim(tx, Optional.empty(), false, wanted, settings.workerId(),
                    settings.lease(), clock.instant()));
        } else {
            claims = new ArrayList<>();
            List<String> namespaces = settings.namespaces();
            for (int i = 0; i < namespaces.size() && claims.size() < wanted; i++) {
                String namespace = namespaceAt(namespaces, nextNamespace + i);
                int remaining = wanted - claims.size();
                claims.addAll(jdbc.withConnection(tx -> queue.claim(tx, Optional.of(namespace), false, remaining,
                        settings.workerId(), settings.lease(), clock.instant())));
            }
            nextNamespace++;
        }
        events.claimed(Duration.ofNanos(System.nanoTime() - started), claims.size());
        return claims;
    }

    /**
     * The namespace a claim round visits at {@code position}: rounds start one namespace further each time, so no
     * namespace always goes first. The counter wraps past Integer.MAX_VALUE after 2^31 rounds; floorMod keeps the
     * index in range where {@code %} would turn negative and stop the worker from ever claiming again.
     */
    static String namespaceAt(List<String> namespaces, int position) {
        return namespaces.get(Math.floorMod(position, namespaces.size()));
    }
}
