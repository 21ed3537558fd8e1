package io.tasker.data.query;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A query's answer: its columns, at most the row limit of rows ({@code truncated} when there were more), and the
 * dataset versions it read (pinned when it started).
 */
public record QueryResult(List<Column> columns, List<List<JsonNode>> rows, boolean truncated,
                          Map<String, UUID> datasetVersions, long elapsedMillis) {

    public record Column(String name, String type) {
    }
}
