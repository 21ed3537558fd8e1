package io.tasker.worker;

import io.tasker.InvalidInputException;
import io.tasker.handler.Checkpoint;
import io.tasker.handler.PermanentError;
import io.tasker.handler.StepContext;
import io.tasker.json.Json;
import io.tasker.template.StepTemplate;
import io.tasker.template.TemplateKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** The {@link StepContext} of one claimed attempt. */
final class ClaimContext implements StepContext {

    /** Saves checkpoints and renews the lease of this attempt (both fenced by its lease token). */
    interface LeaseOperations {
        void saveCheckpoint(StepClaim claim, Checkpoint checkpoint);

        void heartbeat(StepClaim claim);
    }

    private final StepClaim claim;
    private final TemplateKey template;
    private final StepTemplate step;
    private final LeaseOperations lease;
    private final Clock clock;
    private volatile Checkpoint checkpoint;

    ClaimContext(StepClaim claim, TemplateKey template, StepTemplate step, LeaseOperations lease, Clock clock) {
        this.claim = claim;
        this.template = template;
        this.step = step;
        this.lease = lease;
        this.clock = clock;
        this.checkpoint = Checkpoints.fromJson(claim.checkpoint()).orElse(null);
    }

    @Override
    public UUID taskUuid() {
        return claim.taskUuid();
    }

    @Override
    public UUID correlationId() {
        return claim.correlationId();
    }

    @Override
    public java.util.Optional<UUID> parentCorrelationId() {
        return java.util.Optional.ofNullable(claim.parentCorrelationId());
    }

    @Override
    public UUID stepUuid() {
        return claim.stepUuid();
    }

    @Override
    public String stepName() {
        return claim.stepName();
    }

    @Override
    public String namespace() {
        return template.namespace();
    }

    @Override
    public String taskName() {
        return template.name();
    }

    @Override
    public String taskVersion() {
        return template.version();
    }

    @Override
    public JsonNode taskContext() {
        return claim.taskContext();
    }

    @Override
    public JsonNode initialization() {
        return step.handler().initialization();
    }

    @Override
    public JsonNode inputs() {
        return claim.inputs() == null ? Json.object() : claim.inputs();
    }

    @Override
    public Map<String, JsonNode> dependencyResults() {
        return claim.dependencyResults();
    }

    @Override
    public int attempt() {
        return claim.attempt();
    }

    @Override
    public int maxAttempts() {
        return claim.maxAttempts();
    }

    @Override
    public boolean isLastRetry() {
        return claim.isLastAttempt();
    }

    @Override
    public Optional<Checkpoint> checkpoint() {
        return Optional.ofNullable(checkpoint);
    }

    @Override
    public void saveCheckpoint(Checkpoint next) {
        try {
            lease.saveCheckpoint(claim, next);
        } catch (InvalidInputException unstorable) {
            // The same checkpoint would fail on every attempt: the step fails now, saying why.
            throw new PermanentError(unstorable.getMessage(), unstorable);
        }
        this.checkpoint = next;
    }

    @Override
    public void heartbeat() {
        lease.heartbeat(claim);
    }

    @Override
    public Instant now() {
        return clock.instant();
    }
}
