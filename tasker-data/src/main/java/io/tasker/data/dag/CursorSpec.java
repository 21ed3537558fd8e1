package io.tasker.data.dag;

import io.tasker.json.Json;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code cursor: {column, lookback}} of an incremental ({@code PerUpdate}) job: a run reads only the input rows whose
 * {@code column} is past the cursor stored for (input dataset version, job), and {@code lookback} earlier cursor
 * windows again, for rows that arrived late.
 */
public record CursorSpec(String column, int lookback) {

    public static final int MAX_LOOKBACK = 100;
    private static final Pattern COLUMN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    public ObjectNode toJson() {
        return Json.object().put("column", column).put("lookback", lookback);
    }

    /** The cursor stored in a job's config, if it has one. */
    public static Optional<CursorSpec> fromJson(JsonNode json) {
        if (json == null || !json.isObject()) {
            return Optional.empty();
        }
        return Optional.of(new CursorSpec(json.path("column").asString(), json.path("lookback").asInt(0)));
    }

    static Optional<CursorSpec> parse(Fields job, ExecutionStrategy execution, String operator, boolean hasInputs,
                                      List<Problem> problems) {
        if (!job.has("cursor")) {
            return Optional.empty();
        }
        Optional<Fields> read = Fields.of(job.raw("cursor"), job.at("cursor"), problems, Set.of("column", "lookback"));
        if (read.isEmpty()) {
            return Optional.empty();
        }
        Fields cursor = read.get();
        Optional<String> column = cursor.requiredText("column");
        if (column.isPresent() && !COLUMN.matcher(column.get()).matches()) {
            cursor.problem("column", "'" + column.get() + "' is not a column name");
        }
        int lookback = cursor.integer("lookback", 0, MAX_LOOKBACK).orElse(0);
        if (execution != ExecutionStrategy.PerUpdate) {
            job.problem("cursor", "needs execution_strategy: PerUpdate (a cursor follows updates of the inputs)");
        }
        if (!operator.equals("sql") || !hasInputs) {
            job.problem("cursor", "needs the sql operator and at least one input (the cursor filters the inputs)");
        }
        return column.filter(c -> COLUMN.matcher(c).matches()).map(c -> new CursorSpec(c, lookback));
    }
}
