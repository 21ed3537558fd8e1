package io.tasker.template;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;

/**
 * A reference from a template into a running task's data: {@code $.context.customer.id} (the task's input) or
 * {@code $.results.validate.total} (the result of step {@code validate}, a step the referring step depends on,
 * directly or not). Fields are separated by dots; {@code $.context} alone is the whole input. Used by wait steps
 * ({@code until}), subtask inputs, and concurrency and rate-limit keys.
 */
public record ContextPath(String text, Optional<String> step, JsonPointer pointer) {

    public static final String CONTEXT = "$.context";
    public static final String RESULTS = "$.results.";
    private static final Pattern FIELD = Pattern.compile("[A-Za-z0-9_\\-]+");

    /** True when {@code value} is meant as a path (a string starting with {@code $.}). */
    public static boolean looksLikePath(JsonNode value) {
        return value != null && value.isString() && value.asString().startsWith("$.");
    }

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException saying what a path looks like
     */
    public static ContextPath parse(String text) {
        String problem = "'" + text + "' is not a path: use $.context.<field>... or $.results.<step>.<field>...";
        Optional<String> step = Optional.empty();
        String rest;
        if (text.equals(CONTEXT)) {
            rest = "";
        } else if (text.startsWith(CONTEXT + ".")) {
            rest = text.substring(CONTEXT.length() + 1);
        } else if (text.startsWith(RESULTS)) {
            String afterResults = text.substring(RESULTS.length());
            int dot = afterResults.indexOf('.');
            step = Optional.of(dot < 0 ? afterResults : afterResults.substring(0, dot));
            rest = dot < 0 ? "" : afterResults.substring(dot + 1);
            if (step.get().isEmpty() || !TemplateValidator.STEP_NAME.matcher(step.get()).matches()) {
                throw new IllegalArgumentException(problem);
            }
        } else {
            throw new IllegalArgumentException(problem);
        }
        StringBuilder pointer = new StringBuilder();
        if (!rest.isEmpty()) {
            for (String field : rest.split("\\.", -1)) {
                if (!FIELD.matcher(field).matches()) {
                    throw new IllegalArgumentException(problem);
                }
                pointer.append('/').append(field);
            }
        }
        return new ContextPath(text, step, JsonPointer.compile(pointer.toString()));
    }

    /** The value at this path, if there is one (a missing field or step result is empty, JSON null too). */
    public Optional<JsonNode> read(JsonNode context, Map<String, JsonNode> results) {
        JsonNode root = step.isPresent() ? results.get(step.get()) : context;
        if (root == null) {
            return Optional.empty();
        }
        JsonNode value = root.at(pointer);
        return value.isMissingNode() || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    @Override
    public String toString() {
        return text;
    }
}
