package io.tasker.worker;

import io.tasker.engine.DynamicLimits;
import io.tasker.engine.EngineEvents;
import io.tasker.engine.ResultWriter;
import io.tasker.engine.TaskEvaluator;
import io.tasker.handler.Checkpoint;
import io.tasker.handler.LeaseLostError;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.template.RegisteredTemplate;
import io.tasker.template.TemplateRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * The worker API's engine side: workers in any language claim steps whose handler is {@code external}, heartbeat,
 * save checkpoints and report results; every call after the claim is fenced by the claim's lease token, and by the
 * step's {@code timeout_seconds}: the lease never outlives it, and a call past it fails the attempt as a
 * {@code TimeoutError} (retried or not, as the template's retry rules say) and is refused.
 */
public final class ExternalWorkers {

    /**
     * A claimed external step with what its handler needs from the template.
     *
     * @param timeout   the step's {@code timeout_seconds}: the attempt must report by {@code timeoutAt}
     * @param timeoutAt when the attempt times out (its lease never outlives it)
     */
    public record ExternalClaim(StepClaim claim, String taskName, String taskVersion, JsonNode initialization,
                                Optional<Duration> timeout, Optional<Instant> timeoutAt) {
    }

    /** What an external worker reports for its attempt. */
    public sealed interface Report {
        Duration executionTime();

        record Success(JsonNode result, Duration executionTime) implements Report {
        }

        record Failure(String errorType, String message, boolean retryable, Optional<Duration> retryAfter,
                       Duration executionTime) implements Report {
        }
    }

    private static final Duration POLL = Duration.ofMillis(200);

    private final Jdbc jdbc;
    private final StepQueue queue = new StepQueue();
    private final LeaseStore leases;
    private final ResultWriter writer;
    private final OutcomeWrites writes;
    private final SuccessChecks checks;
    private final TemplateRegistry templates;
    private final Clock clock;
    private final Duration lease;
    private final EngineEvents events;
    private final Consumer<TaskEvaluator.Evaluation> onCommitted;

    public ExternalWorkers(Jdbc jdbc, ResultWriter writer, TemplateRegistry templates, Clock clock, Duration lease,
                           int checkpointHistory, int maxResultBytes, DynamicLimits limits, UUID processorUuid,
                           EngineEvents events, Consumer<TaskEvaluator.Evaluation> onCommitted) {
        this.jdbc = jdbc;
        this.writer = writer;
        this.templates = templates;
        this.clock = clock;
        this.lease = lease;
        this.events = events;
        this.onCommitted = onCommitted;
        this.leases = new LeaseStore(jdbc, queue, clock, lease, checkpointHistory, maxResultBytes);
        this.writes = new OutcomeWrites(templates, processorUuid.toString());
        this.checks = new SuccessChecks(templates, maxResultBytes, limits);
    }

    /**
     * Claims up to {@code maxSteps} ready external steps of the namespace, waiting up to {@code wait} for some to
     * become ready.
     */
    public List<ExternalClaim> claim(String namespace, int maxSteps, Duration wait, String workerId)
            throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            long started = System.nanoTime();
            List<StepClaim> claims = jdbc.withConnection(tx -> queue.claim(tx, Optional.of(namespace), true, maxSteps,
                    workerId, lease, clock.instant()));
            events.claimed(Duration.ofNanos(System.nanoTime() - started), claims.size());
            if (!claims.isEmpty() || System.nanoTime() >= deadline) {
                List<ExternalClaim> result = new ArrayList<>();
                for (StepClaim claim : claims) {
                    RegisteredTemplate template = templates.get(claim.namedTaskUuid());
                    JsonNode initialization = template.template().step(claim.templateStepName())
                            .map(step -> (JsonNode) step.handler().initialization())
                            .orElseGet(io.tasker.json.Json::object);
                    Optional<Duration> timeout = timeout(claim);
                    result.add(new ExternalClaim(claim, template.key().name(), template.key().version(),
                            initialization, timeout, timeout.map(claim.claimedAt()::plus)));
                    if (claim.enqueuedAt() != null) {
                        events.stepStarted(namespace, Duration.between(claim.enqueuedAt(), clock.instant()));
                    }
                }
                return capLeases(result);
            }
            Thread.sleep(Math.min(POLL.toMillis(), Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
        }
    }

    /**
     * Extends the claim's lease, never past the step's timeout; returns its new expiry.
     *
     * @throws AttemptTimedOutException past the timeout (the attempt is failed as a {@code TimeoutError})
     */
    public Instant heartbeat(UUID stepUuid, UUID leaseToken) {
        StepClaim claim = live(stepUuid, leaseToken);
        Instant now = clock.instant();
        Instant expiry = deadline(claim).filter(at -> at.isBefore(now.plus(lease))).orElse(now.plus(lease));
        try {
            leases.heartbeat(claim, Duration.between(now, expiry));
        } catch (LeaseLostError e) {
            throw new LeaseLostException(stepUuid);
        }
        return expiry;
    }

    /** Saves a checkpoint of the claimed step (fenced by the lease and the step's timeout). */
    public void checkpoint(UUID stepUuid, UUID leaseToken, Checkpoint checkpoint) {
        StepClaim claim = live(stepUuid, leaseToken);
        try {
            leases.saveCheckpoint(claim, checkpoint);
        } catch (LeaseLostError e) {
            throw new LeaseLostException(stepUuid);
        }
    }

    /**
     * Records the attempt's result; once this returns the task has moved on.
     *
     * @throws AttemptTimedOutException past the step's timeout: the result is rejected, the attempt timed out
     */
    public void report(UUID stepUuid, UUID leaseToken, Report report) {
        StepClaim claim;
        try {
            claim = live(stepUuid, leaseToken);
        } catch (LeaseLostException e) {
            // A result for a step that exists but no longer holds this lease came too late: count it.
            jdbc.withConnection(tx -> queue.namespaceOf(tx, stepUuid)).ifPresent(events::lateResultRejected);
            throw e;
        }
        StepOutcome outcome = switch (report) {
            case Report.Success s -> checks.check(new StepOutcome.Succeeded(claim, s.result(), s.executionTime()));
            case Report.Failure f -> new StepOutcome.Failed(claim, f.errorType(), f.message(), f.retryable(),
                    f.retryAfter(), f.executionTime());
        };
        if (!record(outcome)) {
            events.lateResultRejected(claim.namespace());
            throw new LeaseLostException(stepUuid);
        }
    }

    /** Commits the outcome under the claim's lease; false when the lease no longer held. */
    private boolean record(StepOutcome outcome) {
        Instant now = clock.instant();
        List<ResultWriter.Success> successes = new ArrayList<>();
        List<ResultWriter.Failure> failures = new ArrayList<>();
        writes.add(outcome, now, successes, failures);
        ResultWriter.Result result = jdbc.inTransaction(tx -> writer.write(tx, successes, failures, now, false, null));
        if (!result.accepted().contains(outcome.claim().stepUuid())) {
            return false;
        }
        events.stepFinished(outcome.claim().namespace(), outcome.claim().templateStepName(),
                OutcomeWrites.outcomeName(outcome), outcome.duration());
        onCommitted.accept(result.evaluation());
        return true;
    }

    /** The claim while it holds its lease and is within its timeout; past the timeout the attempt fails now. */
    private StepClaim live(UUID stepUuid, UUID leaseToken) {
        StepClaim claim = jdbc.withConnection(tx -> queue.held(tx, stepUuid, leaseToken))
                .orElseThrow(() -> new LeaseLostException(stepUuid));
        Optional<Instant> deadline = deadline(claim);
        Instant now = clock.instant();
        if (deadline.isPresent() && !now.isBefore(deadline.get())) {
            Duration timeout = timeout(claim).orElseThrow();
            record(new StepOutcome.Failed(claim, "TimeoutError", "external worker did not report within"
                    + " timeout_seconds (" + timeout.toSeconds() + " s)", true, Optional.empty(),
                    Duration.between(claim.claimedAt(), now)));
            throw new AttemptTimedOutException(stepUuid, claim.attempt(), timeout, deadline.get());
        }
        return claim;
    }

    private Optional<Duration> timeout(StepClaim claim) {
        return templates.timeout(claim.namedTaskUuid(), claim.templateStepName());
    }

    /** When the attempt times out: its claim time plus the step's timeout. */
    private Optional<Instant> deadline(StepClaim claim) {
        return timeout(claim).map(claim.claimedAt()::plus);
    }

    private List<ExternalClaim> capLeases(List<ExternalClaim> claims) {
        List<ExternalClaim> timed = claims.stream().filter(c -> c.timeoutAt().isPresent()).toList();
        if (!timed.isEmpty()) {
            jdbc.withConnection(tx -> {
                queue.capLeases(tx, timed.stream().map(c -> c.claim().stepUuid()).toList(),
                        timed.stream().map(c -> c.claim().leaseToken()).toList(),
                        timed.stream().map(c -> c.timeoutAt().orElseThrow()).toList());
                return null;
            });
        }
        return claims.stream().map(ExternalWorkers::withCappedLease).toList();
    }

    private static ExternalClaim withCappedLease(ExternalClaim external) {
        StepClaim c = external.claim();
        Instant expiry = external.timeoutAt().filter(at -> at.isBefore(c.leaseExpiresAt())).orElse(c.leaseExpiresAt());
        StepClaim capped = new StepClaim(c.stepUuid(), c.taskUuid(), c.namedTaskUuid(), c.stepName(), c.namespace(),
                c.attempt(), c.maxAttempts(), c.retryable(), c.leaseToken(), expiry, c.enqueuedAt(), c.claimedAt(),
                c.taskContext(), c.inputs(), c.checkpoint(), c.dependencyResults(), c.correlationId(),
                c.parentCorrelationId());
        return new ExternalClaim(capped, external.taskName(), external.taskVersion(), external.initialization(),
                external.timeout(), external.timeoutAt());
    }
}
