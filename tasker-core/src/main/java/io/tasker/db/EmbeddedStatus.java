package io.tasker.db;

import java.time.Instant;
import java.util.Optional;

/**
 * What a process knows about the embedded PostgreSQL it runs.
 *
 * @param state       running, being restarted after it stopped, or given up on
 * @param restarts    restarts since the process started
 * @param lastRestart when the latest restart finished
 * @param lastProblem why the server last stopped or could not be started again
 */
public record EmbeddedStatus(State state, int restarts, Optional<Instant> lastRestart, Optional<String> lastProblem) {

    /** The embedded server's state. */
    public enum State {
        RUNNING, RESTARTING, FAILED;

        /** The name used in health responses. */
        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    static final EmbeddedStatus STARTED = new EmbeddedStatus(State.RUNNING, 0, Optional.empty(), Optional.empty());

    EmbeddedStatus restarting(String problem) {
        return new EmbeddedStatus(State.RESTARTING, restarts, lastRestart, Optional.of(problem));
    }

    EmbeddedStatus restarted(Instant at) {
        return new EmbeddedStatus(State.RUNNING, restarts + 1, Optional.of(at), lastProblem);
    }

    EmbeddedStatus failed(String problem) {
        return new EmbeddedStatus(State.FAILED, restarts, lastRestart, Optional.of(problem));
    }
}
