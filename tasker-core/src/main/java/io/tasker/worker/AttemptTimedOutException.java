package io.tasker.worker;

import io.tasker.ConflictException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * An external worker's heartbeat, checkpoint or result came after its step's {@code timeout_seconds} (409): the
 * attempt has been failed as a {@code TimeoutError} and the step is retried or fails as its template says.
 */
public class AttemptTimedOutException extends ConflictException {

    public AttemptTimedOutException(UUID stepUuid, int attempt, Duration timeout, Instant deadline) {
        super("step " + stepUuid + " attempt " + attempt + " ran past its timeout_seconds (" + timeout.toSeconds()
                + " s, until " + deadline + "); the attempt failed as TimeoutError and its result is no longer"
                + " accepted: drop it");
    }
}
