package io.tasker.template;

import io.tasker.json.Json;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes {@code concurrency: {key, limit}} and {@code rate_limit: {key, per_second}} (of a template or a
 * step) and a template's {@code on_complete: {url}}.
 */
final class LimitsFields {

    static final Set<String> FIELDS = Set.of("concurrency", "rate_limit");
    private static final Set<String> CONCURRENCY_FIELDS = Set.of("key", "limit");
    private static final Set<String> RATE_FIELDS = Set.of("key", "per_second");
    private static final Set<String> ON_COMPLETE_FIELDS = Set.of("url");

    private LimitsFields() {
    }

    static Limits read(NodeReader owner, List<String> problems) {
        Optional<Limits.Concurrency> concurrency = owner.raw("concurrency")
                .flatMap(node -> NodeReader.of(node, owner.where() + ": concurrency", problems, CONCURRENCY_FIELDS))
                .flatMap(reader -> key(reader).flatMap(key -> reader.integer("limit", 1, Limits.MAX_LIMIT)
                        .or(() -> {
                            reader.problem("limit is required (1 to " + Limits.MAX_LIMIT + ")");
                            return Optional.empty();
                        }).map(limit -> new Limits.Concurrency(key, limit))));
        Optional<Limits.RateLimit> rate = owner.raw("rate_limit")
                .flatMap(node -> NodeReader.of(node, owner.where() + ": rate_limit", problems, RATE_FIELDS))
                .flatMap(reader -> key(reader).flatMap(key -> reader.positive("per_second", Limits.MAX_PER_SECOND)
                        .or(() -> {
                            reader.problem("per_second is required");
                            return Optional.empty();
                        }).map(perSecond -> new Limits.RateLimit(key, perSecond))));
        if (concurrency.isPresent() && rate.isPresent()
                && !concurrency.get().key().text().equals(rate.get().key().text())) {
            owner.problem("concurrency and rate_limit must use the same key");
        }
        return new Limits(concurrency, rate);
    }

    static Optional<String> onComplete(NodeReader template, List<String> problems) {
        return template.raw("on_complete")
                .flatMap(node -> NodeReader.of(node, "on_complete", problems, ON_COMPLETE_FIELDS))
                .flatMap(reader -> reader.text("url", 2048).filter(url -> {
                    if (!WebhookUrl.isValid(url)) {
                        reader.problem("url must be an http or https URL");
                        return false;
                    }
                    return true;
                }));
    }

    static void write(Limits limits, ObjectNode json) {
        limits.concurrency().ifPresent(c -> json.set("concurrency", Json.object().put("key", c.key().text())
                .put("limit", c.limit())));
        limits.rateLimit().ifPresent(r -> json.set("rate_limit", Json.object().put("key", r.key().text())
                .put("per_second", r.perSecond())));
    }


    private static Optional<ContextPath> key(NodeReader reader) {
        Optional<String> text = reader.text("key", 255);
        if (text.isEmpty()) {
            reader.problem("key is required: a path into the task's input, e.g. $.context.customer_id");
            return Optional.empty();
        }
        try {
            ContextPath path = ContextPath.parse(text.get());
            if (path.step().isPresent()) {
                reader.problem("key must read the task's input ($.context...), not a step's result");
                return Optional.empty();
            }
            return Optional.of(path);
        } catch (IllegalArgumentException e) {
            reader.problem("key: " + e.getMessage());
            return Optional.empty();
        }
    }
}
