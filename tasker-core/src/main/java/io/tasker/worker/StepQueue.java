package io.tasker.worker;

import io.tasker.json.Json;
import io.tasker.store.Rows;
import io.tasker.store.jdbc.SqlArray;
import io.tasker.store.jdbc.Tx;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The step rows as a work queue: claiming enqueued steps (one call of {@code tasker.claim_steps}: pick with SKIP
 * LOCKED, mark in_progress with a fresh lease, record the transition, return what the handlers need), renewing
 * leases, and finding the claims that lost theirs.
 */
public final class StepQueue {

    /** See {@code tasker.claim_steps} in the schema: one round trip per batch. */
    private static final String CLAIM = """
            SELECT * FROM tasker.claim_steps(?, ?, ?, ?, ?, ?)
            """;

    /** See {@code tasker.claim_enqueued_here}: eager dispatch, in the transaction that enqueued the steps. */
    private static final String CLAIM_ENQUEUED_HERE = """
            SELECT * FROM tasker.claim_enqueued_here(?, ?, ?, ?, ?, ?)
            """;

    /** An external step still claimed under this lease (context and the rest are not read again). */
    private static final String HELD_CLAIM = """
            SELECT s.workflow_step_uuid, s.task_uuid, t.named_task_uuid, ns.name AS step_name, s.namespace_name,
                   s.attempts, s.max_attempts, s.retryable, s.lease_token, s.lease_expires_at, s.enqueued_at,
                   s.last_attempted_at, t.correlation_id, t.parent_correlation_id, s.inputs,
                   NULL::jsonb AS context, NULL::jsonb AS checkpoint, NULL::jsonb AS dependency_results
            FROM tasker.workflow_steps s
            JOIN tasker.tasks t ON t.task_uuid = s.task_uuid
            JOIN tasker.named_steps ns ON ns.named_step_uuid = s.named_step_uuid
            WHERE s.workflow_step_uuid = ? AND s.lease_token = ? AND s.current_state = 'in_progress'
              AND s.external_handler
            """;

    private static final String STEP_NAMESPACE = """
            SELECT namespace_name FROM tasker.workflow_steps WHERE workflow_step_uuid = ?
            """;

    /** A claim's lease never outlives its step's timeout, so a silent worker's step is recovered at the deadline. */
    private static final String CAP_LEASES = """
            UPDATE tasker.workflow_steps s SET lease_expires_at = least(s.lease_expires_at, d.deadline)
            FROM unnest(?::uuid[], ?::uuid[], ?::timestamp[]) AS d(step_uuid, lease_token, deadline)
            WHERE s.workflow_step_uuid = d.step_uuid AND s.lease_token = d.lease_token
            """;

    /** Renews leases without ever waiting: a row locked right now is being recorded or reaped anyway. */
    private static final String RENEW = """
            UPDATE tasker.workflow_steps s
            SET lease_expires_at = ?, updated_at = ?
            WHERE s.workflow_step_uuid IN (
                SELECT l.workflow_step_uuid
                FROM tasker.workflow_steps l
                JOIN unnest(?::uuid[], ?::uuid[]) AS r(step_uuid, lease_token)
                  ON l.workflow_step_uuid = r.step_uuid AND l.lease_token = r.lease_token
                WHERE l.current_state = 'in_progress'
                FOR UPDATE OF l SKIP LOCKED
            )
            RETURNING s.workflow_step_uuid
            """;

    /** Of the given claims, those that no longer hold their lease (a plain read; no locks). */
    private static final String LOST = """
            SELECT r.step_uuid
            FROM unnest(?::uuid[], ?::uuid[]) AS r(step_uuid, lease_token)
            LEFT JOIN tasker.workflow_steps s
              ON s.workflow_step_uuid = r.step_uuid AND s.lease_token = r.lease_token AND s.current_state = 'in_progress'
            WHERE s.workflow_step_uuid IS NULL
            """;


    /**
     * Claims up to {@code limit} enqueued steps, most important and oldest first.
     *
     * @param namespace the namespace to claim from, or empty for every namespace
     * @param external  true to claim steps whose handler is {@code external} (the worker API), false for in-process
     */
    public List<StepClaim> claim(Tx tx, Optional<String> namespace, boolean external, int limit, String workerId,
                                 Duration lease, Instant now) {
        return tx.query(CLAIM, StepQueue::claimFrom, namespace.orElse(null), external, limit, now, now.plus(lease),
                workerId);
    }

    /**
     * Claims up to {@code limit} of {@code enqueued}, steps the caller's transaction just enqueued (eager dispatch):
     * in-process steps of {@code namespaces} (empty: any) without a concurrency key or rate limit.
     */
    public List<StepClaim> claimEnqueuedHere(Tx tx, List<UUID> enqueued, List<String> namespaces, int limit,
                                             String workerId, Duration lease, Instant now) {
        return tx.query(CLAIM_ENQUEUED_HERE, StepQueue::claimFrom, SqlArray.uuids(enqueued),
                namespaces.isEmpty() ? null : SqlArray.texts(namespaces), limit, now, now.plus(lease), workerId);
    }

    /** The claim of an external step, if it still holds this lease. */
    public Optional<StepClaim> held(Tx tx, UUID stepUuid, UUID leaseToken) {
        return tx.queryOne(HELD_CLAIM, StepQueue::claimFrom, stepUuid, leaseToken);
    }

    /** The namespace of a step, if the step exists (to count a result that came too late). */
    public Optional<String> namespaceOf(Tx tx, UUID stepUuid) {
        return tx.queryOne(STEP_NAMESPACE, row -> row.getString(1), stepUuid);
    }

    /** Ends each claim's lease at its deadline at the latest (claims by step and lease token, one deadline each). */
    public void capLeases(Tx tx, List<UUID> steps, List<UUID> leaseTokens, List<Instant> deadlines) {
        tx.update(CAP_LEASES, SqlArray.uuids(steps), SqlArray.uuids(leaseTokens), SqlArray.timestamps(
                deadlines.stream().map(at -> LocalDateTime.ofInstant(at, ZoneOffset.UTC)).toList()));
    }

    /** Extends the leases still held (skipping rows locked right now); returns the steps renewed. */
    public List<UUID> renew(Tx tx, Map<UUID, UUID> leaseTokensByStep, Duration lease, Instant now) {
        if (leaseTokensByStep.isEmpty()) {
            return List.of();
        }
        List<UUID> steps = List.copyOf(leaseTokensByStep.keySet());
        List<UUID> tokens = steps.stream().map(leaseTokensByStep::get).toList();
        return tx.query(RENEW, row -> row.getObject(1, UUID.class),
                now.plus(lease), now, SqlArray.uuids(steps), SqlArray.uuids(tokens));
    }

    /** The claims that lost their lease: the step was cancelled, or its lease expired and it was handed out again. */
    public List<UUID> lost(Tx tx, Map<UUID, UUID> leaseTokensByStep) {
        if (leaseTokensByStep.isEmpty()) {
            return List.of();
        }
        List<UUID> steps = List.copyOf(leaseTokensByStep.keySet());
        List<UUID> tokens = steps.stream().map(leaseTokensByStep::get).toList();
        return tx.query(LOST, row -> row.getObject(1, UUID.class), SqlArray.uuids(steps), SqlArray.uuids(tokens));
    }

    /**
     * A claim from a row with the columns {@code tasker.claim_steps} returns; NULL context, inputs, checkpoint and
     * dependency results read as empty.
     */
    static StepClaim claimFrom(ResultSet row) throws SQLException {
        return new StepClaim(
                row.getObject("workflow_step_uuid", UUID.class),
                row.getObject("task_uuid", UUID.class),
                row.getObject("named_task_uuid", UUID.class),
                row.getString("step_name"),
                row.getString("namespace_name"),
                row.getInt("attempts"),
                row.getInt("max_attempts"),
                row.getBoolean("retryable"),
                row.getObject("lease_token", UUID.class),
                Rows.instant(row, "lease_expires_at"),
                Rows.instant(row, "enqueued_at"),
                Rows.instant(row, "last_attempted_at"),
                json(row, "context"),
                json(row, "inputs"),
                row.getString("checkpoint") == null ? null : Json.parse(row.getString("checkpoint")),
                dependencyResults(row.getString("dependency_results")),
                row.getObject("correlation_id", UUID.class),
                row.getObject("parent_correlation_id", UUID.class));
    }

    private static JsonNode json(ResultSet row, String column) throws SQLException {
        String text = row.getString(column);
        return text == null ? Json.object() : Json.parse(text);
    }

    private static Map<String, JsonNode> dependencyResults(String text) {
        Map<String, JsonNode> results = new LinkedHashMap<>();
        if (text != null) {
            ObjectNode object = (ObjectNode) Json.parse(text);
            object.properties().forEach(entry -> results.put(entry.getKey(), entry.getValue()));
        }
        return results;
    }
}
