package io.tasker.engine.store;

import io.tasker.json.Json;
import io.tasker.state.StepState;
import io.tasker.store.jdbc.SqlArray;
import io.tasker.store.jdbc.Tx;
import io.tasker.worker.StepClaim;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Writes attempt results onto step rows, each fenced by the attempt's lease token: a result whose lease was lost
 * (expired and handed out again, or the step was cancelled) matches no row and is rejected.
 */
public final class StepResultStore {

    /** A successful attempt to store. */
    public record SuccessWrite(UUID stepUuid, UUID leaseToken, JsonNode result) {
    }

    /**
     * A failed attempt to store.
     *
     * @param target         {@code waiting_for_retry} or {@code error}
     * @param nextRetryAt    when the retry is due (only for waiting_for_retry)
     * @param backoffSeconds the delay the handler requested, if it requested one
     */
    public record FailureWrite(UUID stepUuid, UUID leaseToken, StepState target, Instant nextRetryAt,
                               Integer backoffSeconds, JsonNode error) {
    }

    private static final String SUCCEED = """
            UPDATE tasker.workflow_steps s
            SET current_state = 'complete', results = r.result::jsonb, processed = true, processed_at = ?,
                in_process = false, lease_token = NULL, lease_expires_at = NULL, claimed_by = NULL,
                next_retry_at = NULL, backoff_request_seconds = NULL, updated_at = ?
            FROM unnest(?::uuid[], ?::uuid[], ?::text[]) AS r(step_uuid, lease_token, result)
            WHERE s.workflow_step_uuid = r.step_uuid
              AND s.current_state = 'in_progress'
              AND s.lease_token = r.lease_token
            RETURNING s.workflow_step_uuid
            """;

    private static final String FAIL = """
            UPDATE tasker.workflow_steps s
            SET current_state = r.target, results = r.error::jsonb, in_process = false, lease_token = NULL,
                lease_expires_at = NULL, claimed_by = NULL, next_retry_at = r.next_retry_at,
                backoff_request_seconds = r.backoff_seconds, updated_at = ?
            FROM unnest(?::uuid[], ?::uuid[], ?::text[], ?::timestamp[], ?::int[], ?::text[])
                AS r(step_uuid, lease_token, target, next_retry_at, backoff_seconds, error)
            WHERE s.workflow_step_uuid = r.step_uuid
              AND s.current_state = 'in_progress'
              AND s.lease_token = r.lease_token
              AND (?::timestamp IS NULL OR s.lease_expires_at < ?::timestamp)
            RETURNING s.workflow_step_uuid
            """;

    private static final String RELEASE = """
            UPDATE tasker.workflow_steps s
            SET current_state = 'waiting_for_retry', attempts = greatest(s.attempts - 1, 0), in_process = false,
                lease_token = NULL, lease_expires_at = NULL, claimed_by = NULL, next_retry_at = ?, updated_at = ?
            FROM unnest(?::uuid[], ?::uuid[]) AS r(step_uuid, lease_token)
            WHERE s.workflow_step_uuid = r.step_uuid
              AND s.current_state = 'in_progress'
              AND s.lease_token = r.lease_token
            RETURNING s.workflow_step_uuid
            """;

    /**
     * Gives claims back without counting the attempt (a worker shutting down): the steps wait for a retry that is
     * due at once. Returns the steps released.
     */
    public List<UUID> release(Tx tx, List<StepClaim> claims, Instant now) {
        if (claims.isEmpty()) {
            return List.of();
        }
        return tx.query(RELEASE, row -> row.getObject(1, UUID.class), now, now,
                SqlArray.uuids(claims.stream().map(StepClaim::stepUuid).toList()),
                SqlArray.uuids(claims.stream().map(StepClaim::leaseToken).toList()));
    }

    /** Stores successes; returns the steps whose lease still held. */
    public List<UUID> succeed(Tx tx, List<SuccessWrite> writes, Instant now) {
        if (writes.isEmpty()) {
            return List.of();
        }
        return tx.query(SUCCEED, row -> row.getObject(1, UUID.class), now, now,
                SqlArray.uuids(writes.stream().map(SuccessWrite::stepUuid).toList()),
                SqlArray.uuids(writes.stream().map(SuccessWrite::leaseToken).toList()),
                SqlArray.jsonTexts(writes.stream().map(w -> Json.write(w.result())).toList()));
    }

    /**
     * Stores failures; returns the steps whose lease still held.
     *
     * @param expiredBefore when given, only leases that expired before this instant match (lease reaping)
     */
    public List<UUID> fail(Tx tx, List<FailureWrite> writes, Instant now, Instant expiredBefore) {
        if (writes.isEmpty()) {
            return List.of();
        }
        LocalDateTime expired = expiredBefore == null ? null : LocalDateTime.ofInstant(expiredBefore, ZoneOffset.UTC);
        return tx.query(FAIL, row -> row.getObject(1, UUID.class), now,
                SqlArray.uuids(writes.stream().map(FailureWrite::stepUuid).toList()),
                SqlArray.uuids(writes.stream().map(FailureWrite::leaseToken).toList()),
                SqlArray.texts(writes.stream().map(w -> w.target().dbValue()).toList()),
                SqlArray.timestamps(writes.stream().map(w -> w.nextRetryAt() == null ? null
                        : LocalDateTime.ofInstant(w.nextRetryAt(), ZoneOffset.UTC)).toList()),
                SqlArray.integers(writes.stream().map(FailureWrite::backoffSeconds).toList()),
                SqlArray.jsonTexts(writes.stream().map(w -> Json.write(w.error())).toList()),
                expired, expired);
    }
}
