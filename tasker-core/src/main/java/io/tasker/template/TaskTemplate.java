package io.tasker.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A parsed, validated workflow template: a DAG of steps with their handlers and retry rules, the limits its tasks
 * run under, and where to report their completion ({@code on_complete}).
 */
public record TaskTemplate(
        String name,
        String namespace,
        String version,
        Optional<String> description,
        ObjectNode metadata,
        SystemDependencies systemDependencies,
        List<DomainEvent> domainEvents,
        Optional<JsonNode> inputSchema,
        Lifecycle lifecycle,
        IdentityStrategy identityStrategy,
        List<StepTemplate> steps,
        Map<String, List<StepOverride>> environments,
        Limits limits,
        Optional<String> onCompleteUrl) {

    public TaskTemplate {
        metadata = metadata.deepCopy();
        domainEvents = List.copyOf(domainEvents);
        steps = List.copyOf(steps);
        environments = Map.copyOf(environments);
    }

    public TemplateKey key() {
        return new TemplateKey(namespace, name, version);
    }

    public Optional<StepTemplate> step(String stepName) {
        return steps.stream().filter(s -> s.name().equals(stepName)).findFirst();
    }

    /**
     * This template as it runs in {@code environment}: the environment's step overrides applied. Unknown
     * environments leave it unchanged.
     */
    public TaskTemplate forEnvironment(String environment) {
        List<StepOverride> overrides = environments.get(environment);
        if (overrides == null || overrides.isEmpty()) {
            return this;
        }
        List<StepTemplate> resolved = new ArrayList<>();
        for (StepTemplate step : steps) {
            StepTemplate current = step;
            for (StepOverride override : overrides) {
                if (override.stepName().equals(StepOverride.ALL) || override.stepName().equals(step.name())) {
                    current = apply(current, override);
                }
            }
            resolved.add(current);
        }
        return new TaskTemplate(name, namespace, version, description, metadata, systemDependencies, domainEvents,
                inputSchema, lifecycle, identityStrategy, resolved, environments, limits, onCompleteUrl);
    }

    private static StepTemplate apply(StepTemplate step, StepOverride override) {
        HandlerSpec handler = step.handler();
        if (override.initialization().isPresent()) {
            ObjectNode merged = handler.initialization().deepCopy();
            merged.setAll(override.initialization().get());
            handler = new HandlerSpec(handler.callable(), merged, handler.method(), handler.resolver());
        }
        return new StepTemplate(step.name(), step.description(), handler, step.type(), step.dependencies(),
                override.retry().orElse(step.retry()),
                override.timeoutSeconds().isPresent() ? override.timeoutSeconds() : step.timeoutSeconds(),
                step.systemDependency(), step.publishesEvents(), step.batchConfig(), step.resultSchema(), step.limits());
    }
}
