package io.tasker.template;

import io.tasker.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The limit one step runs under ({@link Limits}), made concrete for its task: the key (its scope and the key's
 * value read from the task's input: {@code ns/template/step=value} for a step's limits, {@code ns/template=value}
 * for its template's) and the rules ({@code {"scope", "limit", "per_second"}}). A task whose input lacks the key
 * shares the value {@code (missing)}; a value too long for the column is replaced by its SHA-256.
 */
public record Throttle(String key, ObjectNode rules) {

    public static final int MAX_KEY_LENGTH = 300;
    public static final String MISSING = "(missing)";

    /** The throttle of {@code step} of {@code template} in a task with input {@code context}, if it has limits. */
    public static Optional<Throttle> of(TaskTemplate template, StepTemplate step, JsonNode context) {
        boolean own = !step.limits().isEmpty();
        Limits limits = own ? step.limits() : template.limits();
        if (limits.isEmpty()) {
            return Optional.empty();
        }
        String owner = template.namespace() + "/" + template.name() + (own ? "/" + step.name() : "");
        String value = limits.key().flatMap(path -> path.read(context, Map.of()))
                .map(node -> node.isString() ? node.asString() : Json.write(node)).orElse(MISSING);
        String key = owner + "=" + value;
        if (key.length() > MAX_KEY_LENGTH) {
            key = owner + "=#" + sha256(value);
        }
        ObjectNode rules = Json.object().put("scope", own ? "step" : "task");
        limits.concurrency().ifPresent(c -> rules.put("limit", c.limit()));
        limits.rateLimit().ifPresent(r -> rules.put("per_second", r.perSecond()));
        return Optional.of(new Throttle(key.length() > MAX_KEY_LENGTH ? key.substring(0, MAX_KEY_LENGTH) : key,
                rules));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
