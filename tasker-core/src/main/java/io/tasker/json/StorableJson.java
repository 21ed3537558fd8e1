package io.tasker.json;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Whether a JSON value can be stored in PostgreSQL ({@code jsonb} or {@code text}) and read back unchanged. Three
 * things cannot: a NUL character ({@code \u0000}) in a string or key, which PostgreSQL refuses in text and jsonb; a
 * number that is not finite; and a number whose plain form ({@code numeric} keeps it exactly, and prints it without
 * an exponent) is longer than the JSON reader accepts, such as {@code 1E-999999999}. Found at the edge such a value
 * is a 400 naming where it is; in a handler's result it fails the step instead of failing every attempt to store it.
 */
public final class StorableJson {

    /** Longest number text read back (the JSON reader's limit); PostgreSQL writes numbers without exponent. */
    public static final int MAX_NUMBER_CHARACTERS = 1000;

    /** What cannot be stored, and where: {@code path} is e.g. {@code context.items[2].name}. */
    public record Problem(String path, String reason) {
        public String message() {
            return path + ": " + reason;
        }
    }

    private StorableJson() {
    }

    /** The first unstorable part of {@code value}, if any; {@code path} names the value itself. */
    public static Optional<Problem> problem(JsonNode value, String path) {
        if (value == null) {
            return Optional.empty();
        }
        if (value.isString()) {
            return text(value.asString(), path);
        }
        if (value.isNumber()) {
            return number(value, path);
        }
        if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                Optional<Problem> problem = problem(value.get(i), path + "[" + i + "]");
                if (problem.isPresent()) {
                    return problem;
                }
            }
        } else if (value.isObject()) {
            for (Map.Entry<String, JsonNode> property : value.properties()) {
                String child = path.isEmpty() ? printable(property.getKey())
                        : path + "." + printable(property.getKey());
                if (property.getKey().indexOf('\0') >= 0) {
                    return Optional.of(new Problem(child, "a key must not contain the NUL character (\\u0000)"));
                }
                Optional<Problem> problem = problem(property.getValue(), child);
                if (problem.isPresent()) {
                    return problem;
                }
            }
        }
        return Optional.empty();
    }

    /** A NUL character in text. */
    public static Optional<Problem> text(String text, String path) {
        return text != null && text.indexOf('\0') >= 0
                ? Optional.of(new Problem(path, "must not contain the NUL character (\\u0000)"))
                : Optional.empty();
    }

    /** The text with NUL characters replaced by U+FFFD, for messages that must be stored whatever they hold. */
    public static String withoutNul(String text) {
        return text == null ? null : text.replace('\0', '\uFFFD');
    }

    private static Optional<Problem> number(JsonNode value, String path) {
        if (value.isDouble() || value.isFloat()) {
            double number = value.asDouble();
            if (Double.isNaN(number) || Double.isInfinite(number)) {
                return Optional.of(new Problem(path, "must be a finite number, not " + number));
            }
            return Optional.empty();
        }
        if (value.isBigDecimal()) {
            BigDecimal decimal = value.decimalValue();
            // Length of the plain form without building it (1E-999999999 would be a billion characters).
            long integerDigits = Math.max(1L, (long) decimal.precision() - decimal.scale());
            long plainLength = integerDigits + (decimal.scale() > 0 ? decimal.scale() + 1L : 0L) + 1;
            if (plainLength > MAX_NUMBER_CHARACTERS) {
                return Optional.of(new Problem(path, "the number " + abbreviated(decimal) + " has more than "
                        + MAX_NUMBER_CHARACTERS + " digits written out and cannot be stored exactly"));
            }
        } else if (value.isBigInteger() && value.bigIntegerValue().toString().length() > MAX_NUMBER_CHARACTERS) {
            return Optional.of(new Problem(path, "the number has more than " + MAX_NUMBER_CHARACTERS + " digits"));
        }
        return Optional.empty();
    }

    private static String abbreviated(BigDecimal decimal) {
        String text = decimal.toString(); // scientific notation for extreme exponents: short
        return text.length() > 40 ? text.substring(0, 20) + "..." : text;
    }

    private static String printable(String key) {
        return key.replace("\0", "\\u0000");
    }
}
