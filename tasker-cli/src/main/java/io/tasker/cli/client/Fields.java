package io.tasker.cli.client;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Labelled values, one per line, values aligned ({@code Status:    complete}). A value spanning several lines (pretty
 * JSON) starts on the next line, indented.
 */
public final class Fields {

    private record Field(String label, String value) {
    }

    private final List<Field> fields = new ArrayList<>();

    /** Adds a field; null prints as {@code -}. */
    public Fields add(String label, Object value) {
        fields.add(new Field(label, value == null ? "-" : value.toString()));
        return this;
    }

    public void print(PrintWriter out) {
        int width = fields.stream().mapToInt(f -> f.label().length()).max().orElse(0) + 1;
        for (Field field : fields) {
            String label = field.label() + ":";
            if (field.value().contains("\n")) {
                out.println(label);
                field.value().lines().forEach(line -> out.println("  " + line));
            } else {
                out.println((label + " ".repeat(width - label.length() + 2) + field.value()).stripTrailing());
            }
        }
    }
}
