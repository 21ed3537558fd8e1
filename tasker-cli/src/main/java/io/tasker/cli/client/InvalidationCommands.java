package io.tasker.cli.client;

import io.tasker.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code tasker dataset invalidate}, {@code tasker dataset invalidations} and {@code tasker dataset invalidation}:
 * corrections that cascade.
 */
final class InvalidationCommands {

    private InvalidationCommands() {
    }

    @Command(name = "invalidate", mixinStandardHelpOptions = true,
            description = "Invalidate a partition (or a range of its rows): it is re-materialised and the correction"
                    + " cascades to the end of the DAG.")
    static final class Invalidate extends ClientCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
        @Option(names = "--partition", paramLabel = "KEY", required = true, description = "The partition.")
        String partition;
        @Option(names = "--reason", defaultValue = "manual",
                description = "correction, reorg, schema_change or manual (default manual).")
        String reason;
        @Option(names = "--rows", paramLabel = "COLUMN:FROM..TO",
                description = "Only these rows (scope row_range), e.g. order_id:3..5; either end may be left out.")
        String rows;

        @Override
        int execute(TaskerClient api) {
            ObjectNode body = Json.object().put("partition_key", partition).put("reason", reason)
                    .put("scope", rows == null ? "partition" : "row_range");
            if (rows != null) {
                String[] columnAndRange = rows.split(":", 2);
                String[] ends = columnAndRange.length == 2 ? columnAndRange[1].split("\\.\\.", -1) : new String[0];
                if (ends.length != 2) {
                    throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                            "--rows must be COLUMN:FROM..TO");
                }
                ObjectNode filter = body.putObject("row_filter").put("column", columnAndRange[0]);
                if (!ends[0].isEmpty()) {
                    filter.put("from", ends[0]);
                }
                if (!ends[1].isEmpty()) {
                    filter.put("to", ends[1]);
                }
            }
            JsonNode answer = api.post("/v1/datasets/" + TaskerClient.segment(name) + "/invalidations", body);
            return print(answer, out -> out.printf("invalidation %s: %s %s is being re-materialised%n",
                    answer.path("invalidation_id").asString(), name, partition));
        }
    }

    @Command(name = "invalidations", mixinStandardHelpOptions = true,
            description = "List the invalidations asked for (the roots of cascades), newest first, with how far each"
                    + " cascade went; only datasets you may read.")
    static final class ListRoots extends ClientCommand {
        @Parameters(index = "0", paramLabel = "DATASET", arity = "0..1", description = "Only this dataset's.")
        String dataset;
        @Option(names = "--page", defaultValue = "1", description = "Page (default 1).")
        int page;
        @Option(names = "--per-page", defaultValue = "50", description = "Invalidations per page (default 50).")
        int perPage;

        @Override
        int execute(TaskerClient api) {
            Map<String, Object> query = new LinkedHashMap<>();
            query.put("dataset", dataset);
            query.put("page", page);
            query.put("per_page", perPage);
            JsonNode answer = api.get(TaskerClient.withQuery("/v1/invalidations", query));
            return print(answer, out -> {
                Table table = new Table("invalidation", "dataset", "partition", "reason", "levels", "unprocessed",
                        "processed_at");
                answer.path("invalidations").forEach(i -> table.row(i.path("invalidation_id").asString(),
                        i.path("dataset").asString(), JsonText.cell(i.path("partition_key")),
                        i.path("reason").asString(), i.path("levels").asInt(), i.path("unprocessed").asInt(),
                        JsonText.cell(i.path("processed_at"))));
                table.print(out);
                long total = answer.path("pagination").path("total_count").asLong();
                out.printf("%d invalidation%s%n", total, total == 1 ? "" : "s");
            });
        }
    }

    @Command(name = "invalidation", mixinStandardHelpOptions = true,
            description = "Show an invalidation's cascade: each level, who processed it, and its runs.")
    static final class Show extends ClientCommand {
        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Override
        int execute(TaskerClient api) {
            JsonNode answer = api.get("/v1/invalidations/" + TaskerClient.segment(id));
            return print(answer, out -> {
                Table table = new Table("level", "dataset", "partition", "processed_by", "processed_at", "runs");
                answer.path("cascade").forEach(l -> {
                    StringBuilder by = new StringBuilder();
                    l.path("processed_by").forEach(j -> by.append(by.isEmpty() ? "" : ",").append(j.asString()));
                    table.row(l.path("level").asInt(), l.path("dataset").asString(),
                            JsonText.cell(l.path("partition_key")), by.isEmpty() ? "-" : by.toString(),
                            JsonText.cell(l.path("processed_at")), l.path("runs").size());
                });
                table.print(out);
            });
        }
    }
}
