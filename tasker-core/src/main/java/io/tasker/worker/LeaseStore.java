package io.tasker.worker;

import io.tasker.InvalidInputException;
import io.tasker.handler.Checkpoint;
import io.tasker.handler.LeaseLostError;
import io.tasker.json.Json;
import io.tasker.json.StorableJson;
import io.tasker.store.Rows;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.task.PayloadTooLargeException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** Lease-fenced writes a running attempt makes: heartbeats and checkpoints. */
final class LeaseStore implements ClaimContext.LeaseOperations {

    private static final String CURRENT_CHECKPOINT = """
            SELECT checkpoint FROM tasker.workflow_steps
            WHERE workflow_step_uuid = ? AND lease_token = ? AND current_state = 'in_progress' AND lease_expires_at > ?
            FOR UPDATE
            """;

    private static final String SAVE_CHECKPOINT = """
            UPDATE tasker.workflow_steps SET checkpoint = ?, updated_at = ? WHERE workflow_step_uuid = ?
            """;

    private final Jdbc jdbc;
    private final StepQueue queue;
    private final Clock clock;
    private final Duration lease;
    private final int checkpointHistory;
    private final int maxBytes;

    /** @param maxBytes largest cursor plus accumulated results, as for a result ({@code max_result_bytes}) */
    LeaseStore(Jdbc jdbc, StepQueue queue, Clock clock, Duration lease, int checkpointHistory, int maxBytes) {
        this.jdbc = jdbc;
        this.queue = queue;
        this.clock = clock;
        this.lease = lease;
        this.checkpointHistory = checkpointHistory;
        this.maxBytes = maxBytes;
    }

    /**
     * @throws InvalidInputException     the checkpoint holds what PostgreSQL cannot store (a NUL character, ...)
     * @throws PayloadTooLargeException  its cursor and accumulated results are larger than a result may be
     */
    @Override
    public void saveCheckpoint(StepClaim claim, Checkpoint checkpoint) {
        StorableJson.problem(checkpoint.cursor(), "cursor")
                .or(() -> StorableJson.problem(checkpoint.accumulatedResults(), "accumulated_results"))
                .ifPresent(problem -> {
                    throw new InvalidInputException("checkpoint not saved: " + problem.message());
                });
        long size = Json.write(checkpoint.cursor()).getBytes(StandardCharsets.UTF_8).length
                + (long) Json.write(checkpoint.accumulatedResults()).getBytes(StandardCharsets.UTF_8).length;
        if (size > maxBytes) {
            throw new PayloadTooLargeException("checkpoint not saved: its cursor and accumulated_results are " + size
                    + " bytes, more than the limit of " + maxBytes + " bytes");
        }
        Instant now = clock.instant();
        boolean saved = jdbc.inTransaction(tx -> tx.queryOne(CURRENT_CHECKPOINT,
                        row -> java.util.Optional.ofNullable(Rows.json(row, "checkpoint")),
                        claim.stepUuid(), claim.leaseToken(), now)
                .map(previous -> {
                    JsonNode next = Checkpoints.next(previous.orElse(null), checkpoint, claim.attempt(), now,
                            checkpointHistory);
                    tx.update(SAVE_CHECKPOINT, next, now, claim.stepUuid());
                    return true;
                })
                .orElse(false));
        if (!saved) {
            throw new LeaseLostError("step " + claim.stepUuid() + " attempt " + claim.attempt()
                    + " no longer holds its lease; checkpoint not saved");
        }
    }

    @Override
    public void heartbeat(StepClaim claim) {
        heartbeat(claim, lease);
    }

    /** Extends the claim's lease to {@code extension} from now (less than the lease when a deadline is near). */
    void heartbeat(StepClaim claim, Duration extension) {
        Instant now = clock.instant();
        Map<UUID, UUID> token = Map.of(claim.stepUuid(), claim.leaseToken());
        boolean renewed = !jdbc.inTransaction(tx -> queue.renew(tx, token, extension, now)).isEmpty()
                || jdbc.withConnection(tx -> queue.lost(tx, token)).isEmpty();
        if (!renewed) {
            throw new LeaseLostError("step " + claim.stepUuid() + " attempt " + claim.attempt()
                    + " no longer holds its lease");
        }
    }

    /** Renews many leases at once; returns the steps that lost theirs. */
    java.util.List<UUID> renewAll(Map<UUID, UUID> tokensByStep) {
        Instant now = clock.instant();
        java.util.List<UUID> renewed = jdbc.inTransaction(tx -> queue.renew(tx, tokensByStep, lease, now));
        if (renewed.size() == tokensByStep.size()) {
            return java.util.List.of();
        }
        return jdbc.withConnection(tx -> queue.lost(tx, tokensByStep));
    }
}
