package io.tasker.server.config;

import io.tasker.InvalidInputException;
import io.tasker.TaskerException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The settings' values as text, each with where it came from, read as the types the settings records want. A value
 * that does not parse is refused with a message naming the key and its source.
 */
final class SettingValues {

    private record Value(String text, String source) {
    }

    private final Map<String, Value> values = new LinkedHashMap<>();

    void put(String key, String text, String source) {
        values.put(key, new Value(text, source));
    }

    void remove(String key) {
        values.remove(key);
    }

    boolean has(String key) {
        return values.containsKey(key);
    }

    Optional<String> text(String key) {
        Value value = values.get(key);
        return value == null || value.text().isBlank() ? Optional.empty() : Optional.of(value.text().strip());
    }

    List<String> list(String key) {
        return text(key).map(t -> Arrays.stream(t.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
    }

    boolean bool(String key, boolean fallback) {
        Optional<String> text = text(key);
        if (text.isEmpty()) {
            return fallback;
        }
        return switch (text.get().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw invalid(key, "'" + text.get() + "' is not true or false");
        };
    }

    /** A whole number, checked against the range its catalog entry declares (the engine's, or the server's). */
    int integer(String key) {
        Setting setting = SettingsCatalog.get(key);
        Setting.Range range = setting.range().orElseThrow(() -> new IllegalStateException(key + " is not a number"));
        String text = text(key).orElse(setting.defaultValue());
        try {
            long number = Long.parseLong(text);
            if (number < range.min() || number > range.max()) {
                throw invalid(key, "must be between " + range.min() + " and " + range.max());
            }
            return Math.toIntExact(number);
        } catch (NumberFormatException e) {
            throw invalid(key, "'" + text + "' is not a whole number");
        }
    }

    /** A duration written as a whole number of its catalog entry's unit (e.g. worker.lease_seconds). */
    Duration duration(String key) {
        return Duration.of(integer(key), SettingsCatalog.get(key).range().flatMap(Setting.Range::unit)
                .orElseThrow(() -> new IllegalStateException(key + " is not a duration")));
    }

    /** Parses with {@code parse}, whose refusal becomes a message naming {@code key} and its source. */
    <T> T attempt(String key, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (TaskerException e) {
            throw invalid(key, e.getMessage());
        }
    }

    InvalidInputException invalid(String key, String problem) {
        Value value = values.get(key);
        String source = value == null ? "" : " (from " + value.source() + ")";
        return new InvalidInputException("invalid value for " + key + source + ": " + problem);
    }
}
