package io.tasker.board;

import io.tasker.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How urgent a task is; ready work comes critical first. Creating or raising a task to critical tells everyone. */
public enum Priority {
    LOW, MEDIUM, HIGH, CRITICAL;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Priority fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** The priority named by {@code text}, or 400 listing the priorities. */
    public static Priority parse(String text) {
        return Arrays.stream(values()).filter(p -> p.dbValue().equals(text)).findFirst()
                .orElseThrow(() -> new InvalidInputException("priority: '" + text + "' is not one of " + Arrays
                        .stream(values()).map(Priority::dbValue).collect(Collectors.joining(", "))));
    }
}
