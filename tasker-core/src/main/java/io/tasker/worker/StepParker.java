package io.tasker.worker;

import io.tasker.engine.ResultWriter;
import java.time.Instant;
import java.util.List;

/**
 * Records the attempts whose handler parked its step ({@code io.tasker.park.ParkedSteps} does): each park is
 * fenced by its claim's lease like any result, and commits apart from the other results of a batch.
 */
@FunctionalInterface
public interface StepParker {

    /** An engine without parked steps: every park is refused, so its step runs again when its lease expires. */
    StepParker NONE = (parks, now) -> {
        throw new IllegalStateException("this engine does not record parked steps");
    };

    /** Commits the parks; {@code accepted} are the steps now waiting, {@code rejected} those whose lease was lost. */
    ResultWriter.Result park(List<StepOutcome.Parked> parks, Instant now);
}
