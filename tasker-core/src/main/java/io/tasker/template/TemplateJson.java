package io.tasker.template;

import io.tasker.json.Json;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a template as normalised JSON (every default spelled out), the form stored in
 * {@code named_tasks.configuration}. Parsing that JSON again gives an equal template, and equal templates give
 * equal JSON, which is how re-registering identical content is recognised.
 */
public final class TemplateJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private TemplateJson() {
    }

    public static ObjectNode toJson(TaskTemplate template) {
        ObjectNode json = Json.object();
        json.put("name", template.name());
        json.put("namespace_name", template.namespace());
        json.put("version", template.version());
        template.description().ifPresent(d -> json.put("description", d));
        json.set("metadata", template.metadata());
        ObjectNode systems = json.putObject("system_dependencies");
        systems.put("primary", template.systemDependencies().primary());
        strings(systems.putArray("secondary"), template.systemDependencies().secondary());
        ArrayNode domainEvents = json.putArray("domain_events");
        for (DomainEvent event : template.domainEvents()) {
            ObjectNode e = domainEvents.addObject();
            e.put("name", event.name());
            event.description().ifPresent(d -> e.put("description", d));
            event.schema().ifPresent(s -> e.set("schema", s));
        }
        template.inputSchema().ifPresent(schema -> json.set("input_schema", schema));
        json.set("lifecycle", lifecycle(template.lifecycle()));
        json.put("identity_strategy", template.identityStrategy().yamlName());
        LimitsFields.write(template.limits(), json);
        template.onCompleteUrl().ifPresent(url -> json.putObject("on_complete").put("url", url));
        ArrayNode steps = json.putArray("steps");
        template.steps().forEach(step -> steps.add(step(step)));
        ObjectNode environments = json.putObject("environments");
        for (Map.Entry<String, List<StepOverride>> environment : template.environments().entrySet()) {
            ArrayNode overrides = environments.putObject(environment.getKey()).putArray("steps");
            for (StepOverride override : environment.getValue()) {
                ObjectNode o = overrides.addObject();
                o.put("name", override.stepName());
                override.initialization().ifPresent(init -> o.putObject("handler").set("initialization", init));
                override.timeoutSeconds().ifPresent(t -> o.put("timeout_seconds", t));
                override.retry().ifPresent(r -> o.set("retry", retry(r)));
            }
        }
        return json;
    }

    private static ObjectNode step(StepTemplate step) {
        ObjectNode json = Json.object();
        json.put("name", step.name());
        step.description().ifPresent(d -> json.put("description", d));
        if (step.type().isBuiltIn()) {
            BuiltInStepFields.write(step, json);
        } else {
            ObjectNode handler = json.putObject("handler");
            handler.put("callable", step.handler().callable());
            handler.set("initialization", step.handler().initialization());
            step.handler().method().ifPresent(m -> handler.put("method", m));
            step.handler().resolver().ifPresent(r -> handler.put("resolver", r));
        }
        json.put("type", step.type().yamlName());
        strings(json.putArray("dependencies"), step.dependencies());
        json.set("retry", retry(step.retry()));
        step.timeoutSeconds().ifPresent(t -> json.put("timeout_seconds", t));
        step.systemDependency().ifPresent(s -> json.put("system_dependency", s));
        ArrayNode events = json.putArray("publishes_events");
        for (EventDeclaration event : step.publishesEvents()) {
            ObjectNode e = events.addObject();
            e.put("name", event.name());
            e.put("description", event.description());
            e.put("condition", event.condition());
            event.schema().ifPresent(s -> e.set("schema", s));
            e.put("delivery_mode", event.deliveryMode());
            event.publisher().ifPresent(p -> e.put("publisher", p));
        }
        step.batchConfig().ifPresent(batch -> {
            ObjectNode b = json.putObject("batch_config");
            b.put("batch_size", batch.batchSize());
            b.put("parallelism", batch.parallelism());
            b.put("cursor_field", batch.cursorField());
            b.put("worker_template", batch.workerTemplate());
            b.put("failure_strategy", batch.failureStrategy());
        });
        step.resultSchema().ifPresent(s -> json.set("result_schema", s));
        LimitsFields.write(step.limits(), json);
        return json;
    }

    static ObjectNode retry(RetryPolicy retry) {
        ObjectNode json = NODES.objectNode();
        json.put("retryable", retry.retryable());
        json.put("max_attempts", retry.maxAttempts());
        json.put("backoff", retry.backoff().yamlName());
        json.put("backoff_base_ms", retry.backoffBaseMs());
        json.put("max_backoff_ms", retry.maxBackoffMs());
        json.put("jitter", retry.jitter());
        return json;
    }

    private static ObjectNode lifecycle(Lifecycle lifecycle) {
        ObjectNode json = NODES.objectNode();
        lifecycle.maxDurationMinutes().ifPresent(v -> json.put("max_duration_minutes", v));
        lifecycle.maxWaitingForDependenciesMinutes().ifPresent(v -> json.put("max_waiting_for_dependencies_minutes", v));
        lifecycle.maxWaitingForRetryMinutes().ifPresent(v -> json.put("max_waiting_for_retry_minutes", v));
        lifecycle.maxStepsInProcessMinutes().ifPresent(v -> json.put("max_steps_in_process_minutes", v));
        json.put("staleness_action", lifecycle.stalenessAction());
        lifecycle.autoFailOnTimeout().ifPresent(v -> json.put("auto_fail_on_timeout", v));
        lifecycle.autoDlqOnTimeout().ifPresent(v -> json.put("auto_dlq_on_timeout", v));
        return json;
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
