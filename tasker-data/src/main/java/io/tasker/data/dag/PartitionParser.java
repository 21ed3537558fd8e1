package io.tasker.data.dag;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Reads a {@code partitions} spec: daily | hourly {start, end} | range {start, end, size} | static {keys}. */
public final class PartitionParser {

    private PartitionParser() {
    }

    /** Reads a spec stored as JSON (it was validated when deployed). */
    public static PartitionSpec fromJson(JsonNode json) {
        List<Problem> problems = new ArrayList<>();
        return parse(json, "partitions", problems).orElseThrow(() ->
                new IllegalStateException("stored partition spec is invalid: " + problems));
    }

    static Optional<PartitionSpec> parse(JsonNode node, String path, List<Problem> problems) {
        Optional<Fields> read = Fields.of(node, path, problems, Set.of("kind", "start", "end", "size", "keys"));
        if (read.isEmpty()) {
            return Optional.empty();
        }
        Fields spec = read.get();
        String kind = spec.requiredText("kind").orElse("");
        int before = problems.size();
        PartitionSpec parsed = switch (kind) {
            case "daily" -> {
                Optional<LocalDate> start = spec.requiredText("start").flatMap(s -> date(spec, "start", s));
                Optional<LocalDate> end = spec.text("end").flatMap(s -> date(spec, "end", s));
                yield start.map(s -> new PartitionSpec.Daily(s, end)).orElse(null);
            }
            case "hourly" -> {
                Optional<LocalDateTime> start = spec.requiredText("start").flatMap(s -> hour(spec, "start", s));
                Optional<LocalDateTime> end = spec.text("end").flatMap(s -> hour(spec, "end", s));
                yield start.map(s -> new PartitionSpec.Hourly(s, end)).orElse(null);
            }
            case "range" -> range(spec, problems);
            case "static" -> {
                List<String> keys = spec.strings("keys");
                if (keys.isEmpty()) {
                    spec.problem("keys", "must list at least one key");
                }
                keys.stream().filter(k -> !PartitionSpec.isValidKey(k)).findFirst().ifPresent(k ->
                        spec.problem("keys", "'" + k + "' is not a partition key (letters, digits, _ . = -)"));
                if (new HashSet<>(keys).size() != keys.size()) {
                    spec.problem("keys", "must not repeat a key");
                }
                yield new PartitionSpec.Static(keys);
            }
            default -> {
                if (!kind.isEmpty()) {
                    spec.problem("kind", "must be daily, hourly, range or static");
                }
                yield null;
            }
        };
        return problems.size() == before ? Optional.ofNullable(parsed) : Optional.empty();
    }

    private static PartitionSpec range(Fields spec, List<Problem> problems) {
        Optional<Long> start = spec.longValue("start");
        Optional<Long> end = spec.longValue("end");
        Optional<Long> size = spec.longValue("size");
        if (start.isEmpty() || end.isEmpty() || size.isEmpty()) {
            spec.problem("kind", "a range needs start, end and size");
            return null;
        }
        if (start.get() < 0 || end.get() < start.get()) {
            spec.problem("end", "must not be before start (and start must not be negative)");
            return null;
        }
        if (size.get() < 1 || (end.get() - start.get()) / size.get() >= PartitionSpec.MAX_KEYS) {
            spec.problem("size", "must be positive and make at most " + PartitionSpec.MAX_KEYS + " partitions");
            return null;
        }
        return new PartitionSpec.Range(start.get(), end.get(), size.get());
    }

    private static Optional<LocalDate> date(Fields spec, String field, String text) {
        try {
            return Optional.of(LocalDate.parse(text));
        } catch (DateTimeParseException e) {
            spec.problem(field, "must be a date such as 2026-11-01");
            return Optional.empty();
        }
    }

    private static Optional<LocalDateTime> hour(Fields spec, String field, String text) {
        try {
            return Optional.of(text.length() == 10 ? LocalDate.parse(text).atStartOfDay()
                    : LocalDateTime.parse(text, PartitionSpec.HOUR));
        } catch (DateTimeParseException e) {
            spec.problem(field, "must be an hour such as 2026-11-01T13 (or a date)");
            return Optional.empty();
        }
    }
}
