package io.tasker.park;

import io.tasker.engine.ResultWriter;
import io.tasker.handler.WakeOutcome;
import io.tasker.json.Json;
import io.tasker.worker.OutcomeWrites;
import io.tasker.worker.StepClaim;
import io.tasker.worker.StepOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns woken steps into the writes of their result, exactly as if their handler had returned it: a completion is
 * a success, a failure is retried or ends in {@code error} by the step's retry policy ({@link OutcomeWrites}). The
 * transition records what woke the step and how long it waited.
 */
final class Wakes {

    private final OutcomeWrites writes;
    final List<ResultWriter.Success> successes = new ArrayList<>();
    final List<ResultWriter.Failure> failures = new ArrayList<>();

    Wakes(OutcomeWrites writes) {
        this.writes = writes;
    }

    boolean isEmpty() {
        return successes.isEmpty() && failures.isEmpty();
    }

    /** Adds the write of {@code outcome} for a step taken for waking; {@code by} says what woke it. */
    void add(ParkStore.Taken taken, WakeOutcome outcome, String by, Instant now) {
        StepClaim claim = claimOf(taken);
        StepOutcome stepOutcome = switch (outcome) {
            case WakeOutcome.Complete complete -> new StepOutcome.Succeeded(claim, complete.result(), Duration.ZERO);
            case WakeOutcome.Fail fail -> new StepOutcome.Failed(claim, fail.errorType(), fail.message(),
                    fail.retryable(), Optional.empty(), Duration.ZERO);
        };
        writes.add(stepOutcome, now, successes, failures);
        ObjectNode metadata = (ObjectNode) (outcome instanceof WakeOutcome.Complete
                ? successes.getLast().metadata() : failures.getLast().metadata());
        ObjectNode wake = metadata.putObject("woken");
        wake.put("by", by);
        wake.put("kind", taken.parked().key().kind());
        wake.put("key", taken.parked().key().key());
        wake.put("parked_at", taken.parked().parkedAt().toString());
        wake.put("waited_ms", Math.max(0, Duration.between(taken.parked().parkedAt(), now).toMillis()));
    }

    /** The claim the woken step's write is fenced by: the lease {@link ParkStore#take} gave it. */
    private static StepClaim claimOf(ParkStore.Taken taken) {
        return new StepClaim(taken.parked().stepUuid(), taken.parked().taskUuid(), taken.namedTaskUuid(),
                taken.stepName(), taken.namespace(), taken.attempts(), taken.maxAttempts(), taken.retryable(),
                taken.leaseToken(), null, null, null, Json.object(),
                Json.object().put("template_step_name", taken.templateStepName()), null, Map.of(), null, null);
    }

    /** The parks whose key another step of the task holds fail for good (their claim still holds its lease). */
    void keyTaken(StepOutcome.Parked parked, Instant now) {
        writes.add(new StepOutcome.Failed(parked.claim(), "ParkKeyTaken", "another step of this task already waits "
                + "for " + parked.park().kind() + " '" + parked.park().key() + "'", false, Optional.empty(),
                parked.duration()), now, successes, failures);
    }
}
