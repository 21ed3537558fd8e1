package io.tasker.dlq;

import io.tasker.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;

/** Database and API names of the DLQ enums ({@code staleness_timeout}, {@code manually_resolved}, ...). */
public final class DlqEnums {

    private DlqEnums() {
    }

    public static String dbValue(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /** Parses an API or database name; an unknown one is invalid input naming the accepted values. */
    public static <E extends Enum<E>> E parse(Class<E> type, String field, String value) {
        return Arrays.stream(type.getEnumConstants()).filter(e -> dbValue(e).equals(value)).findFirst()
                .orElseThrow(() -> new InvalidInputException(field + " must be one of "
                        + String.join(", ", Arrays.stream(type.getEnumConstants()).map(DlqEnums::dbValue).toList())
                        + ", got '" + value + "'"));
    }
}
