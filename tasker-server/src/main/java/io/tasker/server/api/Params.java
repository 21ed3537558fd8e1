package io.tasker.server.api;

import io.javalin.http.Context;
import io.tasker.state.TaskState;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** Path and query parameters, validated before they go anywhere near the engine. */
public final class Params {

    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Params() {
    }

    public static UUID uuid(Context ctx, String name) {
        return parseUuid(name, ctx.pathParam(name));
    }

    static UUID parseUuid(String field, String text) {
        if (text == null || !UUID_TEXT.matcher(text).matches()) {
            throw new FieldException(field, "must be a UUID");
        }
        return UUID.fromString(text);
    }

    public static Optional<String> query(Context ctx, String name, Pattern format, String expected) {
        String value = ctx.queryParam(name);
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        if (!format.matcher(value).matches()) {
            throw new FieldException(name, "must be " + expected);
        }
        return Optional.of(value);
    }

    public static Optional<String> queryText(Context ctx, String name, int maxLength) {
        String value = ctx.queryParam(name);
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        if (value.length() > maxLength) {
            throw new FieldException(name, "must be at most " + maxLength + " characters");
        }
        return Optional.of(value);
    }

    public static int queryInt(Context ctx, String name, int fallback, int min, int max) {
        String value = ctx.queryParam(name);
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value);
            if (number < min || number > max) {
                throw new FieldException(name, "must be between " + min + " and " + max);
            }
            return number;
        } catch (NumberFormatException e) {
            throw new FieldException(name, "must be a whole number");
        }
    }

    public static Optional<UUID> queryUuid(Context ctx, String name) {
        String value = ctx.queryParam(name);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(parseUuid(name, value));
    }

    /** An ISO-8601 instant such as {@code 2026-11-28T08:00:00Z}. */
    public static Optional<Instant> queryInstant(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(value));
        } catch (DateTimeParseException e) {
            throw new FieldException(name, "must be an ISO-8601 UTC time such as 2026-11-28T08:00:00Z");
        }
    }

    public static Optional<TaskState> queryTaskState(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(TaskState.fromDb(value));
        } catch (IllegalArgumentException e) {
            throw new FieldException(name, "must be one of the task states " + java.util.Arrays.stream(
                    TaskState.values()).map(TaskState::dbValue).collect(java.util.stream.Collectors.joining(", ")));
        }
    }

    /** A path segment that must match a name format; anything else cannot name a resource. */
    public static String name(Context ctx, String param, Pattern format) {
        String value = ctx.pathParam(param);
        if (!format.matcher(value).matches()) {
            throw new FieldException(param, "is not a valid name");
        }
        return value;
    }

    /**
     * A duration: whole seconds with a unit ({@code 30s}, {@code 5m}, {@code 500ms}) or ISO-8601 ({@code PT30S}),
     * from zero to {@code max}.
     */
    public static java.time.Duration duration(String name, String value, java.time.Duration max) {
        java.util.regex.Matcher short_ = SHORT_DURATION.matcher(value);
        java.time.Duration parsed;
        try {
            if (short_.matches()) {
                long amount = Long.parseLong(short_.group(1));
                parsed = switch (short_.group(2)) {
                    case "ms" -> java.time.Duration.ofMillis(amount);
                    case "s" -> java.time.Duration.ofSeconds(amount);
                    case "m" -> java.time.Duration.ofMinutes(amount);
                    default -> java.time.Duration.ofHours(amount);
                };
            } else {
                parsed = java.time.Duration.parse(value);
            }
        } catch (RuntimeException e) {
            throw new FieldException(name, "must be a duration such as 30s, 5m or PT30S");
        }
        if (parsed.isNegative() || parsed.compareTo(max) > 0) {
            throw new FieldException(name, "must be between 0 and " + max.toSeconds() + "s");
        }
        return parsed;
    }

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)");
}
