package io.tasker.worker;

import io.tasker.engine.ResultWriter;
import io.tasker.engine.StepFailure;
import io.tasker.json.Json;
import io.tasker.json.StorableJson;
import io.tasker.state.StepState;
import io.tasker.template.TemplateRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns attempt outcomes into the rows that record them: a success as is, a failure as {@code waiting_for_retry}
 * (with its retry time from the handler's requested delay or the template's backoff) or {@code error} when no
 * attempt is left. Shared by in-process workers, the worker API and the waking of parked steps.
 */
public final class OutcomeWrites {

    /** The longest delay a handler or worker may ask for before the next attempt (as the worker API allows). */
    static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(86_400);

    private final TemplateRegistry templates;
    private final String workerUuid;

    public OutcomeWrites(TemplateRegistry templates, String workerUuid) {
        this.templates = templates;
        this.workerUuid = workerUuid;
    }

    /** Adds the write for {@code outcome} to {@code successes} or {@code failures} (parks are recorded apart). */
    public void add(StepOutcome outcome, Instant now, List<ResultWriter.Success> successes,
             List<ResultWriter.Failure> failures) {
        StepClaim claim = outcome.claim();
        ObjectNode metadata = Json.object();
        metadata.put("attempt", claim.attempt());
        metadata.put("execution_time_ms", outcome.duration().toMillis());
        metadata.put("worker_uuid", workerUuid);
        switch (outcome) {
            case StepOutcome.Succeeded succeeded -> successes.add(new ResultWriter.Success(claim.taskUuid(),
                    new ResultWriter.SuccessWrite(claim.stepUuid(), claim.leaseToken(), succeeded.result()),
                    metadata));
            case StepOutcome.Failed failed -> failures.add(failure(failed, metadata, now));
            case StepOutcome.Parked parked -> throw new IllegalArgumentException("a park is recorded by a StepParker");
        }
    }

    private ResultWriter.Failure failure(StepOutcome.Failed failed, ObjectNode metadata, Instant now) {
        StepClaim claim = failed.claim();
        boolean another = failed.retryable() && claim.retryable() && claim.attempt() < claim.maxAttempts();
        StepState target = another ? StepState.WAITING_FOR_RETRY : StepState.ERROR;
        Instant retryAt = null;
        Integer requestedSeconds = null;
        if (another) {
            Duration delay = failed.retryAfter().map(OutcomeWrites::capped).orElseGet(() ->
                    templates.retryPolicy(claim.namedTaskUuid(), claim.templateStepName())
                            .delayAfter(claim.attempt(), ThreadLocalRandom.current()::nextDouble));
            retryAt = now.plus(delay);
            requestedSeconds = failed.retryAfter().map(OutcomeWrites::capped)
                    .map(d -> (int) ((d.toMillis() + 999) / 1000)).orElse(null);
            metadata.put("retry_at", retryAt.toString());
        }
        // A failure is recorded whatever it says: a NUL character PostgreSQL cannot store becomes U+FFFD.
        StepFailure failure = new StepFailure(StorableJson.withoutNul(failed.errorType()),
                StorableJson.withoutNul(failed.message()), failed.retryable(), claim.attempt());
        metadata.set("error", failure.details());
        return new ResultWriter.Failure(claim.taskUuid(), new ResultWriter.FailureWrite(claim.stepUuid(),
                claim.leaseToken(), target, retryAt, requestedSeconds, failure.result()), metadata);
    }

    /**
     * A requested delay of at most a day: {@code Retry-After: 9999999999999} would put the retry in a year no
     * timestamp column holds, and the result could not be stored at all.
     */
    static Duration capped(Duration requested) {
        return requested.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : requested;
    }

    static String outcomeName(StepOutcome outcome) {
        return switch (outcome) {
            case StepOutcome.Succeeded succeeded -> "success";
            case StepOutcome.Parked parked -> "parked";
            case StepOutcome.Failed failed when "TimeoutError".equals(failed.errorType()) -> "timeout";
            case StepOutcome.Failed failed -> failed.retryable() ? "retryable_failure" : "permanent_failure";
        };
    }
}
