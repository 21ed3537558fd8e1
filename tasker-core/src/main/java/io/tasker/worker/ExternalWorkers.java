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
 * save checkpoints and report results; every call after the claim is fenced by the claim's lease token.
 */
public final class ExternalWorkers {

    /** A claimed external step with what its handler needs from the template. */
    public record ExternalClaim(StepClaim claim, String taskName, String taskVersion, JsonNode initialization) {
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
        this.leases = new LeaseStore(jdbc, queue, clock, lease, checkpointHistory);
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
                    result.add(new ExternalClaim(claim, template.key().name(), template.key().version(),
                            initialization));
                    if (claim.enqueuedAt() != null) {
                        events.stepStarted(namespace, Duration.between(claim.enqueuedAt(), clock.instant()));
                    }
                }
                return result;
            }
            Thread.sleep(Math.min(POLL.toMillis(), Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
        }
    }

    /** Extends the claim's lease; returns its new expiry. */
    public Instant heartbeat(UUID stepUuid, UUID leaseToken) {
        StepClaim claim = held(stepUuid, leaseToken);
        try {
            leases.heartbeat(claim);
        } catch (LeaseLostError e) {
            throw new LeaseLostException(stepUuid);
        }
        return clock.instant().plus(lease);
    }

    /** Saves a checkpoint of the claimed step (fenced by the lease). */
    public void checkpoint(UUID stepUuid, UUID leaseToken, Checkpoint checkpoint) {
        StepClaim claim = held(stepUuid, leaseToken);
        try {
            leases.saveCheckpoint(claim, checkpoint);
        } catch (LeaseLostError e) {
            throw new LeaseLostException(stepUuid);
        }
    }

    /** Records the attempt's result; once this returns the task has moved on. */
    public void report(UUID stepUuid, UUID leaseToken, Report report) {
        StepClaim claim = held(stepUuid, leaseToken);
        StepOutcome outcome = switch (report) {
            case Report.Success s -> checks.check(new StepOutcome.Succeeded(claim, s.result(), s.executionTime()));
            case Report.Failure f -> new StepOutcome.Failed(claim, f.errorType(), f.message(), f.retryable(),
                    f.retryAfter(), f.executionTime());
        };
        Instant now = clock.instant();
        List<ResultWriter.Success> successes = new ArrayList<>();
        List<ResultWriter.Failure> failures = new ArrayList<>();
        writes.add(outcome, now, successes, failures);
        ResultWriter.Result result = jdbc.inTransaction(tx -> writer.write(tx, successes, failures, now, false, null));
        if (!result.accepted().contains(stepUuid)) {
            events.lateResultRejected(claim.namespace());
            throw new LeaseLostException(stepUuid);
        }
        events.stepFinished(claim.namespace(), claim.templateStepName(), OutcomeWrites.outcomeName(outcome),
                outcome.duration());
        onCommitted.accept(result.evaluation());
    }

    private StepClaim held(UUID stepUuid, UUID leaseToken) {
        return jdbc.withConnection(tx -> queue.held(tx, stepUuid, leaseToken))
                .orElseThrow(() -> new LeaseLostException(stepUuid));
    }
}
