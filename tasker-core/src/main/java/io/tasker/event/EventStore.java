package io.tasker.event;

import io.tasker.store.jdbc.SqlArray;
import io.tasker.store.jdbc.Tx;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** What writing domain events reads (the steps whose results were stored) and writes (outbox rows). */
final class EventStore {

    /** A step whose result was stored, with what an event about it says. */
    record Step(UUID stepUuid, UUID taskUuid, int attempt, UUID namedTaskUuid, UUID correlationId,
                String stepName, String templateStep) {
    }

    private static final String STEPS = """
            SELECT s.workflow_step_uuid, s.task_uuid, s.attempts, t.named_task_uuid, t.correlation_id, n.name AS step_name,
                   coalesce(s.inputs ->> 'template_step_name', n.name) AS template_step
            FROM tasker.workflow_steps s
            JOIN tasker.tasks t ON t.task_uuid = s.task_uuid
            JOIN tasker.named_steps n ON n.named_step_uuid = s.named_step_uuid
            WHERE s.workflow_step_uuid = ANY (?::uuid[])
            """;

    private static final String OUTBOX = """
            INSERT INTO tasker.outbox (kind, topic, task_uuid, workflow_step_uuid, target_url, payload,
                                       next_attempt_at, created_at)
            SELECT 'event', e.topic, e.task_uuid, e.step_uuid, e.url, e.payload::jsonb, ?, ?
            FROM unnest(?::text[], ?::uuid[], ?::uuid[], ?::text[], ?::text[])
                AS e(topic, task_uuid, step_uuid, url, payload)
            """;

    private EventStore() {
    }

    static List<Step> steps(Tx tx, Collection<UUID> stepUuids) {
        return tx.query(STEPS, row -> new Step(row.getObject("workflow_step_uuid", UUID.class),
                row.getObject("task_uuid", UUID.class), row.getInt("attempts"),
                row.getObject("named_task_uuid", UUID.class), row.getObject("correlation_id", UUID.class),
                row.getString("step_name"), row.getString("template_step")), SqlArray.uuids(stepUuids));
    }

    /** Outbox rows of kind event, one per (topic, task, step, url, payload) at the same index. */
    static void insert(Tx tx, List<String> topics, List<UUID> tasks, List<UUID> steps, List<String> urls,
                       List<String> payloads, Instant now) {
        tx.update(OUTBOX, now, now, SqlArray.texts(topics), SqlArray.uuids(tasks), SqlArray.uuids(steps),
                SqlArray.texts(urls), SqlArray.jsonTexts(payloads));
    }
}
