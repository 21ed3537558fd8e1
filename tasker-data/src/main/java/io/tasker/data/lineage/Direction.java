package io.tasker.data.lineage;

import io.tasker.InvalidInputException;
import java.util.Locale;

/** Which way a lineage walk goes: to what a thing is made from, or to what is made from it. */
public enum Direction {
    UPSTREAM, DOWNSTREAM;

    public static Direction parse(String text) {
        try {
            return valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidInputException("direction: must be upstream or downstream");
        }
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
