package io.tasker.template;

import io.tasker.json.Json;
import io.tasker.json.JsonFormatException;
import io.tasker.json.StorableJson;
import io.tasker.json.Yaml;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns template YAML or JSON into a {@link TaskTemplate}, applying the documented defaults. Structural problems
 * (wrong types, missing or unknown fields, out-of-range values) are collected and reported together; the semantic
 * checks (dependencies, cycles, handlers, input schema) are the {@link TemplateValidator}'s.
 */
public final class TemplateParser {

    static final Set<String> TEMPLATE_FIELDS = union(Set.of("name", "namespace_name", "version", "description",
            "metadata", "system_dependencies", "domain_events", "input_schema", "steps", "environments", "lifecycle",
            "identity_strategy", "on_complete"), LimitsFields.FIELDS);
    static final Set<String> STEP_FIELDS = union(Set.of("name", "description", "handler", "type", "step_type",
            "system_dependency", "dependencies", "depends_on", "retry", "timeout_seconds", "publishes_events",
            "batch_config", "result_schema"), union(BuiltInStepFields.FIELDS, LimitsFields.FIELDS));
    static final Set<String> HANDLER_FIELDS = Set.of("callable", "initialization", "method", "resolver");
    static final Set<String> RETRY_FIELDS = Set.of("retryable", "max_attempts", "backoff", "backoff_base_ms",
            "max_backoff_ms", "jitter");
    static final Set<String> LIFECYCLE_FIELDS = Set.of("max_duration_minutes", "max_waiting_for_dependencies_minutes",
            "max_waiting_for_retry_minutes", "max_steps_in_process_minutes", "staleness_action",
            "auto_fail_on_timeout", "auto_dlq_on_timeout");
    static final Set<String> BATCH_FIELDS = Set.of("batch_size", "parallelism", "cursor_field", "worker_template",
            "failure_strategy");
    static final Set<String> EVENT_FIELDS = Set.of("name", "description", "condition", "schema", "delivery_mode",
            "publisher");
    static final Set<String> DOMAIN_EVENT_FIELDS = Set.of("name", "description", "schema");
    static final Set<String> SYSTEM_FIELDS = Set.of("primary", "secondary");
    static final Set<String> ENVIRONMENT_FIELDS = Set.of("steps");
    static final Set<String> OVERRIDE_FIELDS = Set.of("name", "handler", "timeout_seconds", "retry");
    static final Set<String> OVERRIDE_HANDLER_FIELDS = Set.of("initialization");

    public static final int MAX_NAME_LENGTH = 64;
    public static final int MAX_STEP_NAME_LENGTH = 120;
    public static final int MAX_VERSION_LENGTH = 32;
    public static final int MAX_DESCRIPTION_LENGTH = 255;
    public static final int MAX_TIMEOUT_SECONDS = 86_400;
    public static final long MAX_BACKOFF_MS = 3_600_000;

    private static final List<String> STEP_TYPES = java.util.Arrays.stream(StepType.values())
            .map(StepType::yamlName).toList();

    private TemplateParser() {
    }

    /** Parses YAML (JSON is valid YAML too), strictly: no tags, anchors, aliases or repeated keys. */
    public static TaskTemplate parseYaml(String text) {
        JsonNode root;
        try {
            root = Yaml.parse(text);
        } catch (JsonFormatException e) {
            throw new JsonFormatException("template is " + e.getMessage(), e);
        }
        return parse(root);
    }

    public static TaskTemplate parseJson(String text) {
        return parse(Json.parse(text));
    }

    /** Parses a template given as a JSON tree (e.g. {@code named_tasks.configuration}). */
    public static TaskTemplate parse(JsonNode root) {
        List<String> problems = new ArrayList<>();
        StorableJson.problem(root, "").ifPresent(problem -> problems.add(problem.message()));
        Optional<NodeReader> maybeTemplate = NodeReader.of(root, "template", problems, TEMPLATE_FIELDS);
        if (maybeTemplate.isEmpty()) {
            throw new TemplateValidationException("(unnamed)", problems);
        }
        NodeReader template = maybeTemplate.get();
        String name = template.requiredText("name", MAX_NAME_LENGTH);
        String namespace = template.requiredText("namespace_name", MAX_NAME_LENGTH);
        String version = template.requiredText("version", MAX_VERSION_LENGTH);
        Optional<String> description = template.text("description", MAX_DESCRIPTION_LENGTH);
        ObjectNode metadata = template.object("metadata").orElseGet(Json::object);
        SystemDependencies systems = template.raw("system_dependencies")
                .flatMap(node -> NodeReader.of(node, "system_dependencies", problems, SYSTEM_FIELDS))
                .map(reader -> new SystemDependencies(
                        reader.text("primary", 64).orElse(SystemDependencies.DEFAULT.primary()),
                        reader.strings("secondary", 64)))
                .orElse(SystemDependencies.DEFAULT);
        List<DomainEvent> domainEvents = new ArrayList<>();
        List<JsonNode> eventNodes = template.list("domain_events");
        for (int i = 0; i < eventNodes.size(); i++) {
            NodeReader.of(eventNodes.get(i), "domain_events[" + i + "]", problems, DOMAIN_EVENT_FIELDS)
                    .ifPresent(reader -> domainEvents.add(new DomainEvent(reader.requiredText("name", 255),
                            reader.text("description", 1000), reader.object("schema").map(JsonNode.class::cast))));
        }
        Optional<JsonNode> inputSchema = template.raw("input_schema");
        Lifecycle lifecycle = template.raw("lifecycle")
                .flatMap(node -> NodeReader.of(node, "lifecycle", problems, LIFECYCLE_FIELDS))
                .map(TemplateParser::lifecycle)
                .orElse(Lifecycle.DEFAULT);
        Limits limits = LimitsFields.read(template, problems);
        Optional<String> onComplete = LimitsFields.onComplete(template, problems);
        String identity = template.choice("identity_strategy",
                List.of("strict", "caller_provided", "always_unique"), "strict");

        List<StepTemplate> steps = new ArrayList<>();
        List<JsonNode> stepNodes = template.list("steps");
        if (stepNodes.size() > TemplateValidator.MAX_STEPS) {
            // Checked before any step is read: a million generated steps would take seconds and megabytes.
            problems.add("a template has at most " + TemplateValidator.MAX_STEPS + " steps, this one has "
                    + stepNodes.size());
            stepNodes = List.of();
        }
        for (int i = 0; i < stepNodes.size(); i++) {
            JsonNode stepNode = stepNodes.get(i);
            String where = stepNode.isObject() && stepNode.hasNonNull("name")
                    ? "step '" + stepNode.get("name").asString() + "'" : "steps[" + i + "]";
            NodeReader.of(stepNode, where, problems, STEP_FIELDS).ifPresent(reader -> steps.add(step(reader, problems)));
        }

        Map<String, List<StepOverride>> environments = new LinkedHashMap<>();
        template.object("environments").ifPresent(envs -> envs.properties().forEach(env ->
                NodeReader.of(env.getValue(), "environments." + env.getKey(), problems, ENVIRONMENT_FIELDS)
                        .ifPresent(reader -> environments.put(env.getKey(), overrides(reader, problems)))));

        if (!problems.isEmpty()) {
            throw new TemplateValidationException(describe(namespace, name, version), problems);
        }
        return new TaskTemplate(name, namespace, version, description, metadata, systems, domainEvents, inputSchema,
                lifecycle, IdentityStrategy.valueOf(identity.toUpperCase(java.util.Locale.ROOT)), steps,
                environments, limits, onComplete);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    static String describe(String namespace, String name, String version) {
        return (namespace.isEmpty() ? "?" : namespace) + "/" + (name.isEmpty() ? "?" : name) + "@"
                + (version.isEmpty() ? "?" : version);
    }

    private static StepTemplate step(NodeReader step, List<String> problems) {
        String name = step.requiredText("name", MAX_STEP_NAME_LENGTH);
        if (step.has("type") && step.has("step_type")) {
            step.problem("give either type or step_type, not both");
        }
        String typeField = step.has("step_type") ? "step_type" : "type";
        StepType type = StepType.valueOf(step.choice(typeField, STEP_TYPES, "standard")
                .toUpperCase(java.util.Locale.ROOT));
        HandlerSpec handler;
        if (type.isBuiltIn()) {
            if (step.has("handler")) {
                step.problem("a " + type.yamlName() + " step is run by the engine and has no handler");
            }
            handler = new HandlerSpec(type.builtInCallable(), BuiltInStepFields.read(step, type, name, problems),
                    Optional.empty(), Optional.empty());
        } else {
            BuiltInStepFields.FIELDS.stream().filter(step::has).forEach(field -> step.problem(field
                    + " is only for wait, signal and subtask steps"));
            handler = step.raw("handler")
                    .flatMap(node -> NodeReader.of(node, step.where() + ": handler", problems, HANDLER_FIELDS))
                    .map(reader -> new HandlerSpec(reader.requiredText("callable", 500),
                            reader.object("initialization").orElseGet(Json::object),
                            reader.text("method", 128), reader.text("resolver", 128)))
                    .orElseGet(() -> {
                        if (!step.has("handler")) {
                            step.problem("handler is required");
                        }
                        return new HandlerSpec("", Json.object(), Optional.empty(), Optional.empty());
                    });
        }
        if (step.has("dependencies") && step.has("depends_on")) {
            step.problem("give either dependencies or depends_on, not both");
        }
        List<String> dependencies = step.strings(step.has("depends_on") ? "depends_on" : "dependencies",
                MAX_STEP_NAME_LENGTH);
        RetryPolicy retry = step.raw("retry")
                .flatMap(node -> NodeReader.of(node, step.where() + ": retry", problems, RETRY_FIELDS))
                .map(TemplateParser::retry)
                .orElse(RetryPolicy.DEFAULT);
        Optional<Integer> timeout = step.integer("timeout_seconds", 1, MAX_TIMEOUT_SECONDS);
        Optional<String> system = step.text("system_dependency", 64);
        List<EventDeclaration> events = new ArrayList<>();
        List<JsonNode> eventNodes = step.list("publishes_events");
        for (int i = 0; i < eventNodes.size(); i++) {
            NodeReader.of(eventNodes.get(i), step.where() + ": publishes_events[" + i + "]", problems, EVENT_FIELDS)
                    .ifPresent(reader -> events.add(new EventDeclaration(
                            reader.requiredText("name", 255),
                            reader.text("description", 1000).orElse(""),
                            reader.choice("condition", List.of("success", "failure", "retryable_failure",
                                    "permanent_failure", "always"), "success"),
                            reader.object("schema").map(JsonNode.class::cast),
                            reader.choice("delivery_mode", List.of("durable", "fast", "broadcast"), "durable"),
                            reader.text("publisher", 255))));
        }
        Optional<BatchConfig> batch = step.raw("batch_config")
                .flatMap(node -> NodeReader.of(node, step.where() + ": batch_config", problems, BATCH_FIELDS))
                .map(reader -> new BatchConfig(
                        reader.integer("batch_size", 1, 100_000).orElse(BatchConfig.DEFAULT_BATCH_SIZE),
                        reader.integer("parallelism", 1, 1000).orElse(BatchConfig.DEFAULT_PARALLELISM),
                        reader.text("cursor_field", 128).orElse(BatchConfig.DEFAULT_CURSOR_FIELD),
                        reader.requiredText("worker_template", MAX_STEP_NAME_LENGTH),
                        reader.choice("failure_strategy", List.of("continue_on_failure", "fail_fast", "isolate"),
                                BatchConfig.DEFAULT_FAILURE_STRATEGY)));
        return new StepTemplate(name, step.text("description", MAX_DESCRIPTION_LENGTH), handler, type, dependencies,
                retry, timeout, system, events, batch, step.raw("result_schema"), LimitsFields.read(step, problems));
    }

    static RetryPolicy retry(NodeReader retry) {
        long base = retry.number("backoff_base_ms", 0, MAX_BACKOFF_MS).orElse(RetryPolicy.DEFAULT_BACKOFF_BASE_MS);
        long max = retry.number("max_backoff_ms", 0, MAX_BACKOFF_MS).orElse(RetryPolicy.DEFAULT_MAX_BACKOFF_MS);
        if (max < base) {
            retry.problem("max_backoff_ms (" + max + ") must not be smaller than backoff_base_ms (" + base + ")");
        }
        String backoff = retry.choice("backoff", List.of("none", "linear", "exponential", "fibonacci"),
                RetryPolicy.DEFAULT_BACKOFF.yamlName());
        return new RetryPolicy(
                retry.bool("retryable").orElse(RetryPolicy.DEFAULT_RETRYABLE),
                retry.integer("max_attempts", 1, 100).orElse(RetryPolicy.DEFAULT_MAX_ATTEMPTS),
                BackoffKind.valueOf(backoff.toUpperCase(java.util.Locale.ROOT)),
                base, max,
                retry.bool("jitter").orElse(true));
    }

    private static Lifecycle lifecycle(NodeReader lifecycle) {
        return new Lifecycle(
                lifecycle.integer("max_duration_minutes", 1, 43_200),
                lifecycle.integer("max_waiting_for_dependencies_minutes", 1, 10_080),
                lifecycle.integer("max_waiting_for_retry_minutes", 1, 10_080),
                lifecycle.integer("max_steps_in_process_minutes", 1, 10_080),
                lifecycle.choice("staleness_action", List.of("dlq", "error", "none"),
                        Lifecycle.DEFAULT_STALENESS_ACTION),
                lifecycle.bool("auto_fail_on_timeout"),
                lifecycle.bool("auto_dlq_on_timeout"));
    }

    private static List<StepOverride> overrides(NodeReader environment, List<String> problems) {
        List<StepOverride> overrides = new ArrayList<>();
        List<JsonNode> nodes = environment.list("steps");
        for (int i = 0; i < nodes.size(); i++) {
            NodeReader.of(nodes.get(i), environment.where() + ".steps[" + i + "]", problems, OVERRIDE_FIELDS)
                    .ifPresent(reader -> overrides.add(new StepOverride(
                            reader.requiredText("name", MAX_STEP_NAME_LENGTH),
                            reader.raw("handler").flatMap(node -> NodeReader.of(node, reader.where() + ": handler",
                                    problems, OVERRIDE_HANDLER_FIELDS)).flatMap(h -> h.object("initialization")),
                            reader.integer("timeout_seconds", 1, MAX_TIMEOUT_SECONDS),
                            reader.raw("retry").flatMap(node -> NodeReader.of(node, reader.where() + ": retry",
                                    problems, RETRY_FIELDS)).map(TemplateParser::retry))));
        }
        return overrides;
    }
}
