package io.tasker.data.dag;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * {@code lineage: {output_column: [input_N.column, ...]}}: which input columns each column of the job's outputs is
 * made from, as the job declares it.
 */
public record LineageSpec(Map<String, List<InputColumn>> columns) {

    public static final LineageSpec NONE = new LineageSpec(Map.of());

    private static final Pattern COLUMN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    private static final Pattern INPUT_COLUMN = Pattern.compile("input_(\\d{1,2})\\.([A-Za-z_][A-Za-z0-9_]{0,62})");

    /** Column {@code column} of the job's input {@code input} (the view {@code input_N}). */
    public record InputColumn(int input, String column) {
    }

    public LineageSpec {
        Map<String, List<InputColumn>> copy = new LinkedHashMap<>();
        columns.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        columns = java.util.Collections.unmodifiableMap(copy);
    }

    static LineageSpec parse(Fields job, int inputCount, List<Problem> problems) {
        if (!job.has("lineage")) {
            return NONE;
        }
        JsonNode node = job.raw("lineage");
        if (!node.isObject()) {
            job.problem("lineage", "must be a mapping of output column to [input_N.column, ...]");
            return NONE;
        }
        Map<String, List<InputColumn>> columns = new LinkedHashMap<>();
        node.properties().forEach(entry -> {
            String path = job.at("lineage") + "." + entry.getKey();
            if (!COLUMN.matcher(entry.getKey()).matches()) {
                problems.add(new Problem(path, "is not a column name"));
                return;
            }
            List<InputColumn> sources = new ArrayList<>();
            JsonNode value = entry.getValue();
            Iterable<JsonNode> items = value.isArray() ? value : List.of(value);
            for (JsonNode item : items) {
                Matcher m = INPUT_COLUMN.matcher(item.isString() ? item.asString() : "");
                if (!m.matches() || Integer.parseInt(m.group(1)) >= inputCount) {
                    problems.add(new Problem(path, "'" + item.asString("") + "' is not input_N.column of one of the"
                            + " job's " + inputCount + " input(s)"));
                    return;
                }
                sources.add(new InputColumn(Integer.parseInt(m.group(1)), m.group(2)));
            }
            columns.put(entry.getKey(), sources);
        });
        return new LineageSpec(columns);
    }
}
