package io.tasker.cli.client;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * An aligned text table: upper-case headers, columns two spaces apart, the last column not padded.
 *
 * <pre>{@code
 * new Table("name", "state").row("linear_step_1", "complete").print(out);
 * }</pre>
 */
public final class Table {

    private static final String GAP = "  ";

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    public Table(String... headers) {
        this.headers = Arrays.stream(headers).map(h -> h.toUpperCase(Locale.ROOT)).toList();
    }

    /** Adds a row; null cells print as {@code -}, and missing trailing cells as blanks. */
    public Table row(Object... cells) {
        if (cells.length > headers.size()) {
            throw new IllegalArgumentException("a row has " + cells.length + " cells for " + headers.size()
                    + " columns");
        }
        List<String> row = new ArrayList<>();
        for (int i = 0; i < headers.size(); i++) {
            Object cell = i < cells.length ? cells[i] : "";
            row.add(cell == null ? "-" : cell.toString().replace('\n', ' '));
        }
        rows.add(row);
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    public void print(PrintWriter out) {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = headers.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        line(out, headers, widths);
        rows.forEach(row -> line(out, row, widths));
    }

    private static void line(PrintWriter out, List<String> cells, int[] widths) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                text.append(GAP);
            }
            text.append(cells.get(i));
            if (i < cells.size() - 1) {
                text.append(" ".repeat(widths[i] - cells.get(i).length()));
            }
        }
        out.println(text.toString().stripTrailing());
    }
}
