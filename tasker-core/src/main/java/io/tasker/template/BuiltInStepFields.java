package io.tasker.template;

import io.tasker.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The fields of the step types the engine runs itself, read into the step's {@code handler.initialization} (where
 * their handlers find them) and written back as step fields:
 * <ul>
 *   <li>{@code wait}: {@code duration} (ISO-8601, e.g. {@code PT10M}) or {@code until} (an instant, or a
 *       {@link ContextPath} to one);</li>
 *   <li>{@code signal}: {@code signal} (the name to wait for; the step's name when absent), {@code timeout}
 *       (ISO-8601) and {@code on_timeout} ({@code fail}, the default, or {@code continue});</li>
 *   <li>{@code subtask}: {@code subtask: {namespace, name, version, context}}; string values of {@code context}
 *       that are paths are read from the task when the step runs.</li>
 * </ul>
 */
public final class BuiltInStepFields {

    static final Set<String> FIELDS = Set.of("duration", "until", "signal", "timeout", "on_timeout", "subtask");
    static final Set<String> SUBTASK_FIELDS = Set.of("namespace", "name", "version", "context");
    public static final Pattern SIGNAL_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.\\-]{0,63}");
    public static final Duration MAX_WAIT = Duration.ofDays(366);

    private BuiltInStepFields() {
    }

    /** Reads the fields of a built-in step type into what its handler is initialised with. */
    static ObjectNode read(NodeReader step, StepType type, String stepName, List<String> problems) {
        ObjectNode init = Json.object();
        for (String field : FIELDS) {
            if (step.has(field) && !allowed(type, field)) {
                step.problem(field + " is not a field of a " + type.yamlName() + " step");
            }
        }
        switch (type) {
            case WAIT -> {
                if (step.has("duration") == step.has("until")) {
                    step.problem("a wait step needs either duration (e.g. PT10M) or until, not both");
                }
                step.text("duration", 64).ifPresent(d -> duration(step, "duration", d).ifPresent(x ->
                        init.put("duration", d)));
                step.text("until", 255).ifPresent(until -> {
                    if (until.startsWith("$.") ? path(step, "until", until) : instant(until).isPresent()) {
                        init.put("until", until);
                    } else if (!until.startsWith("$.")) {
                        step.problem("until must be an ISO-8601 instant (2030-01-01T09:00:00Z) or a path such as "
                                + "$.context.send_at");
                    }
                });
            }
            case SIGNAL -> {
                String signal = step.text("signal", 64).orElse(stepName);
                if (!SIGNAL_NAME.matcher(signal).matches()) {
                    step.problem("signal name '" + signal + "' must be 1 to 64 of letters, digits, _ . -");
                }
                init.put("signal", signal);
                step.text("timeout", 64).ifPresent(t -> duration(step, "timeout", t).ifPresent(x ->
                        init.put("timeout", t)));
                String onTimeout = step.choice("on_timeout", List.of("fail", "continue"), "fail");
                if (step.has("on_timeout") && !step.has("timeout")) {
                    step.problem("on_timeout needs a timeout");
                } else if (step.has("timeout")) {
                    init.put("on_timeout", onTimeout);
                }
            }
            case SUBTASK -> step.raw("subtask")
                    .flatMap(node -> NodeReader.of(node, step.where() + ": subtask", problems, SUBTASK_FIELDS))
                    .ifPresentOrElse(subtask -> {
                        init.put("namespace", subtask.requiredText("namespace", 64));
                        init.put("name", subtask.requiredText("name", 64));
                        subtask.text("version", 32).ifPresent(v -> init.put("version", v));
                        ObjectNode context = subtask.object("context").orElseGet(Json::object);
                        for (String path : pathTexts(context)) {
                            path(subtask, "context", path);
                        }
                        init.set("context", context);
                    }, () -> step.problem("a subtask step needs subtask: {namespace, name, context}"));
            default -> throw new IllegalArgumentException(type + " is not a built-in step type");
        }
        return init;
    }

    /** The step's fields as the template shows them (the inverse of {@link #read}). */
    static void write(StepTemplate step, ObjectNode json) {
        ObjectNode init = step.handler().initialization();
        if (step.type() == StepType.SUBTASK) {
            json.set("subtask", init.deepCopy());
        } else {
            init.properties().forEach(field -> json.set(field.getKey(), field.getValue()));
        }
    }

    /** The paths a built-in step reads from its task (until, subtask context values). */
    public static List<ContextPath> paths(StepTemplate step) {
        List<ContextPath> paths = new ArrayList<>();
        JsonNode init = step.handler().initialization();
        if (step.type() == StepType.WAIT && init.path("until").asString("").startsWith("$.")) {
            paths.add(ContextPath.parse(init.get("until").asString()));
        }
        if (step.type() == StepType.SUBTASK) {
            pathTexts(init.path("context")).forEach(p -> paths.add(ContextPath.parse(p)));
        }
        return paths;
    }

    /** An ISO-8601 instant or offset date-time. */
    public static Optional<Instant> instant(String text) {
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** A positive ISO-8601 duration of at most {@link #MAX_WAIT}. */
    public static Optional<Duration> duration(String text) {
        try {
            Duration duration = Duration.parse(text);
            return duration.isNegative() || duration.isZero() || duration.compareTo(MAX_WAIT) > 0
                    ? Optional.empty() : Optional.of(duration);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<Duration> duration(NodeReader step, String field, String text) {
        Optional<Duration> duration = duration(text);
        if (duration.isEmpty()) {
            step.problem(field + " must be an ISO-8601 duration between PT1S and P366D (e.g. PT10M, P2D), got '"
                    + text + "'");
        }
        return duration;
    }

    private static boolean path(NodeReader reader, String field, String text) {
        try {
            ContextPath.parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            reader.problem(field + ": " + e.getMessage());
            return false;
        }
    }

    /** String values anywhere in {@code node} that are paths. */
    private static List<String> pathTexts(JsonNode node) {
        List<String> paths = new ArrayList<>();
        if (ContextPath.looksLikePath(node)) {
            paths.add(node.asString());
        } else if (node.isContainer()) {
            node.forEach(child -> paths.addAll(pathTexts(child)));
        }
        return paths;
    }

    private static boolean allowed(StepType type, String field) {
        return switch (type) {
            case WAIT -> field.equals("duration") || field.equals("until");
            case SIGNAL -> field.equals("signal") || field.equals("timeout") || field.equals("on_timeout");
            case SUBTASK -> field.equals("subtask");
            default -> false;
        };
    }
}
