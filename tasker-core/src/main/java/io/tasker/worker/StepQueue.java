package io.tasker.worker;

import io.tasker.json.Json;
import io.tasker.store.Rows;
import io.tasker.store.jdbc.SqlArray;
import io.tasker.store.jdbc.Tx;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The step rows as a work queue: claiming enqueued steps (one statement: pick with SKIP LOCKED, mark in_progress
 * with a fresh lease, record the transition, return what the handlers need) and renewing leases.
 */
public final class StepQueue {

    /** %s: the candidate filter, one of the two constants below (never user input). */
    private static final String CLAIM = """
            WITH candidates AS (
                SELECT workflow_step_uuid
                FROM tasker.workflow_steps
                WHERE current_state = 'enqueued'
                  AND external_handler = ?
                  %s
                ORDER BY priority DESC, enqueued_at
                LIMIT ?
                FOR UPDATE SKIP LOCKED
            ), claimed AS (
                UPDATE tasker.workflow_steps s
                SET current_state = 'in_progress',
                    in_process = true,
                    attempts = s.attempts + 1,
                    last_attempted_at = ?,
                    lease_token = gen_random_uuid(),
                    lease_expires_at = ?,
                    claimed_by = ?,
                    updated_at = ?
                FROM candidates c
                WHERE s.workflow_step_uuid = c.workflow_step_uuid
                RETURNING s.*
            ), closed AS (
                UPDATE tasker.workflow_step_transitions t
                SET most_recent = false, updated_at = ?
                FROM claimed c
                WHERE t.workflow_step_uuid = c.workflow_step_uuid AND t.most_recent
                RETURNING t.workflow_step_uuid, t.sort_key
            ), opened AS (
                INSERT INTO tasker.workflow_step_transitions
                    (workflow_step_uuid, from_state, to_state, sort_key, most_recent, metadata, created_at, updated_at)
                SELECT c.workflow_step_uuid, 'enqueued', 'in_progress', c.sort_key + 1, true,
                       jsonb_build_object('worker', ?::text), ?, ?
                FROM closed c
            )
            SELECT c.workflow_step_uuid, c.task_uuid, c.namespace_name, c.attempts, c.max_attempts, c.retryable,
                   c.lease_token, c.lease_expires_at, c.enqueued_at, c.last_attempted_at, c.inputs, c.checkpoint,
                   t.named_task_uuid, t.context, t.correlation_id, ns.name AS step_name,
                   (WITH RECURSIVE ancestors(step_uuid) AS (
                        SELECT e.from_step_uuid FROM tasker.workflow_step_edges e
                        WHERE e.to_step_uuid = c.workflow_step_uuid
                        UNION
                        SELECT e.from_step_uuid FROM tasker.workflow_step_edges e
                        JOIN ancestors a ON e.to_step_uuid = a.step_uuid
                    )
                    SELECT jsonb_object_agg(pns.name, coalesce(p.results, 'null'::jsonb))
                    FROM ancestors a
                    JOIN tasker.workflow_steps p ON p.workflow_step_uuid = a.step_uuid
                    JOIN tasker.named_steps pns ON pns.named_step_uuid = p.named_step_uuid
                    WHERE p.current_state IN ('complete', 'resolved_manually')) AS dependency_results
            FROM claimed c
            JOIN tasker.tasks t ON t.task_uuid = c.task_uuid
            JOIN tasker.named_steps ns ON ns.named_step_uuid = c.named_step_uuid
            """;

    private static final String CLAIM_ANY_NAMESPACE = CLAIM.formatted("AND true");
    private static final String CLAIM_ONE_NAMESPACE = CLAIM.formatted("AND namespace_name = ?");

    private static final String RENEW = """
            UPDATE tasker.workflow_steps s
            SET lease_expires_at = ?, updated_at = ?
            FROM unnest(?::uuid[], ?::uuid[]) AS r(step_uuid, lease_token)
            WHERE s.workflow_step_uuid = r.step_uuid
              AND s.lease_token = r.lease_token
              AND s.current_state = 'in_progress'
            RETURNING s.workflow_step_uuid
            """;

    /**
     * Claims up to {@code limit} enqueued steps, most important and oldest first.
     *
     * @param namespace the namespace to claim from, or empty for every namespace
     * @param external  true to claim steps whose handler is {@code external} (the worker API), false for in-process
     */
    public List<StepClaim> claim(Tx tx, Optional<String> namespace, boolean external, int limit, String workerId,
                                 Duration lease, Instant now) {
        Instant expires = now.plus(lease);
        if (namespace.isEmpty()) {
            return tx.query(CLAIM_ANY_NAMESPACE, StepQueue::claimFrom, external, limit,
                    now, expires, workerId, now, now, workerId, now, now);
        }
        return tx.query(CLAIM_ONE_NAMESPACE, StepQueue::claimFrom, external, namespace.get(), limit,
                now, expires, workerId, now, now, workerId, now, now);
    }

    /** Extends the leases still held; returns the steps whose lease was renewed (the others were lost). */
    public List<UUID> renew(Tx tx, Map<UUID, UUID> leaseTokensByStep, Duration lease, Instant now) {
        if (leaseTokensByStep.isEmpty()) {
            return List.of();
        }
        List<UUID> steps = List.copyOf(leaseTokensByStep.keySet());
        List<UUID> tokens = steps.stream().map(leaseTokensByStep::get).toList();
        return tx.query(RENEW, row -> row.getObject(1, UUID.class),
                now.plus(lease), now, SqlArray.uuids(steps), SqlArray.uuids(tokens));
    }

    private static StepClaim claimFrom(ResultSet row) throws SQLException {
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
                row.getObject("correlation_id", UUID.class));
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
