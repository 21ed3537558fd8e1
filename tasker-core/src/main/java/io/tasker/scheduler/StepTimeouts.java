package io.tasker.scheduler;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * A template step's {@code timeout_seconds}, by template id and step name: how lease recovery tells an external
 * step that timed out from one whose worker died.
 */
@FunctionalInterface
public interface StepTimeouts {
    Optional<Duration> of(UUID namedTaskUuid, String templateStep);
}
