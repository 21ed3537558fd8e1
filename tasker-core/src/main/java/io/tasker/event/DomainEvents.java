package io.tasker.event;

import io.tasker.engine.RecordedResults;
import io.tasker.engine.ResultWriter;
import io.tasker.json.Json;
import io.tasker.store.Ids;
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
        List<EventStore.Step> steps = EventStore.steps(tx, outcomes.keySet());
        Rows rows = new Rows();
        for (EventStore.Step step : steps) {
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
            EventStore.insert(tx, rows.topics, rows.tasks, rows.steps, rows.urls, rows.payloads, now);
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

    private static ObjectNode payload(EventDeclaration event, EventStore.Step step, io.tasker.template.TemplateKey template,
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

        void add(String topic, EventStore.Step step, String url, JsonNode payload) {
            topics.add(topic);
            tasks.add(step.taskUuid());
            steps.add(step.stepUuid());
            urls.add(url);
            payloads.add(Json.write(payload));
        }
    }
}
