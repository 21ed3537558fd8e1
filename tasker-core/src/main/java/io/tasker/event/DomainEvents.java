package io.tasker.event;

import io.tasker.engine.RecordedResults;
import io.tasker.engine.ResultWriter;
import io.tasker.json.Json;
import io.tasker.store.Ids;
import io.tasker.store.jdbc.SqlArray;
import io.tasker.store.jdbc.Tx;
import io.tasker.template.EventDeclaration;
import io.tasker.template.StepTemplate;
import io.tasker.template.TemplateRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The domain events steps declare ({@code publishes_events}), written to the outbox in the transaction that stores
 * the step's result: one row per event and subscriber that wants it, delivered at least once by the server. With no
 * subscribers configured this does nothing (not even a read). Every delivery mode is delivered this way, durably.
 */
public final class DomainEvents implements RecordedResults {

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

    private record Step(UUID stepUuid, UUID taskUuid, int attempt, UUID namedTaskUuid, UUID correlationId,
                        String stepName, String templateStep) {
    }

    private final TemplateRegistry templates;
    private final List<EventSubscriber> subscribers;

    public DomainEvents(TemplateRegistry templates, List<EventSubscriber> subscribers) {
        this.templates = templates;
        this.subscribers = List.copyOf(subscribers);
    }

    @Override
    public void recorded(Tx tx, List<ResultWriter.Success> successes, List<ResultWriter.Failure> failures,
                         Instant now) {
        if (subscribers.isEmpty() || (successes.isEmpty() && failures.isEmpty())) {
            return;
        }
        Map<UUID, JsonNode> outcomes = new HashMap<>();
        Map<UUID, String> conditions = new HashMap<>();
        successes.forEach(s -> {
            outcomes.put(s.write().stepUuid(), s.write().result());
            conditions.put(s.write().stepUuid(), "success");
        });
        failures.forEach(f -> {
            outcomes.put(f.write().stepUuid(), f.write().error());
            conditions.put(f.write().stepUuid(), f.write().target() == io.tasker.state.StepState.WAITING_FOR_RETRY
                    ? "retryable_failure" : "permanent_failure");
        });
        List<Step> steps = tx.query(STEPS, row -> new Step(row.getObject("workflow_step_uuid", UUID.class),
                row.getObject("task_uuid", UUID.class), row.getInt("attempts"),
                row.getObject("named_task_uuid", UUID.class), row.getObject("correlation_id", UUID.class),
                row.getString("step_name"), row.getString("template_step")), SqlArray.uuids(outcomes.keySet()));
        Rows rows = new Rows();
        for (Step step : steps) {
            var registered = templates.get(step.namedTaskUuid());
            StepTemplate template = registered.template().step(step.templateStep()).orElse(null);
            if (template == null) {
                continue;
            }
            String condition = conditions.get(step.stepUuid());
            for (EventDeclaration event : template.publishesEvents()) {
                if (applies(event.condition(), condition)) {
                    ObjectNode payload = payload(event, step, registered.template().key(), condition,
                            outcomes.get(step.stepUuid()), now);
                    subscribers.stream().filter(s -> s.wants(event.name()))
                            .forEach(s -> rows.add(event.name(), step, s.url(), payload));
                }
            }
        }
        if (!rows.topics.isEmpty()) {
            tx.update(OUTBOX, now, now, SqlArray.texts(rows.topics), SqlArray.uuids(rows.tasks),
                    SqlArray.uuids(rows.steps), SqlArray.texts(rows.urls), SqlArray.jsonTexts(rows.payloads));
        }
    }

    /** Whether a declaration's {@code condition} holds for a result of kind {@code outcome}. */
    static boolean applies(String declared, String outcome) {
        return switch (declared) {
            case "always" -> true;
            case "failure" -> !outcome.equals("success");
            default -> declared.equals(outcome);
        };
    }

    private static ObjectNode payload(EventDeclaration event, Step step, io.tasker.template.TemplateKey template,
                                      String condition, JsonNode outcome, Instant now) {
        ObjectNode payload = Json.object();
        payload.put("event", event.name());
        payload.put("event_id", Ids.next().toString());
        payload.put("occurred_at", now.toString());
        payload.put("condition", condition);
        payload.put("task_uuid", step.taskUuid().toString());
        payload.put("step_uuid", step.stepUuid().toString());
        payload.put("step_name", step.stepName());
        payload.put("attempt", step.attempt());
        payload.put("namespace", template.namespace());
        payload.put("task_name", template.name());
        payload.put("task_version", template.version());
        payload.put("correlation_id", step.correlationId().toString());
        payload.set("data", outcome);
        return payload;
    }

    /** Outbox rows as column arrays, one INSERT for all. */
    private static final class Rows {
        final List<String> topics = new ArrayList<>();
        final List<UUID> tasks = new ArrayList<>();
        final List<UUID> steps = new ArrayList<>();
        final List<String> urls = new ArrayList<>();
        final List<String> payloads = new ArrayList<>();

        void add(String topic, Step step, String url, JsonNode payload) {
            topics.add(topic);
            tasks.add(step.taskUuid());
            steps.add(step.stepUuid());
            urls.add(url);
            payloads.add(Json.write(payload));
        }
    }
}
