package io.tasker.cli.client;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code tasker dataset status} and {@code tasker dataset lineage}: freshness and lineage of a dataset. */
final class DatasetLineageCommands {

    private DatasetLineageCommands() {
    }

    /** {@code fresh}, or {@code stale: cause, cause}; empty for a partition that is not materialised. */
    static String freshness(JsonNode partition) {
        String freshness = partition.path("freshness").asString("");
        if (!freshness.equals("stale")) {
            return freshness;
        }
        StringBuilder text = new StringBuilder("stale:");
        partition.path("causes").forEach(c -> text.append(' ').append(c.asString()));
        return text.toString();
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Whether a partition is fresh, stale (and why), missing, running or failed.")
    static final class Status extends ClientCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
        @Parameters(index = "1", paramLabel = "PARTITION")
        String key;

        @Override
        int execute(TaskerClient api) {
            JsonNode answer = api.get("/v1/datasets/" + TaskerClient.segment(name) + "/partitions/"
                    + TaskerClient.segment(key) + "/status");
            return print(answer, out -> {
                StringBuilder causes = new StringBuilder();
                answer.path("causes").forEach(c -> causes.append(causes.isEmpty() ? "" : ", ").append(c.asString()));
                new Fields().add("Partition", name + " " + key).add("Status", answer.path("status").asString())
                        .add("Causes", causes.isEmpty() ? "-" : causes.toString())
                        .add("Materialized at", JsonText.cell(answer.path("materialized_at"))).print(out);
            });
        }
    }

    @Command(name = "lineage", mixinStandardHelpOptions = true,
            description = "Lineage of a dataset (the datasets it is made from, or made from it), of one partition "
                    + "(--partition: the input partitions its run read) or of one column (--column: the closure).")
    static final class Lineage extends ClientCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
        @Option(names = "--direction", paramLabel = "upstream|downstream", defaultValue = "upstream",
                description = "Which way to walk (default upstream).")
        String direction;
        @Option(names = "--depth", defaultValue = "1", description = "Datasets: how many jobs away (default 1).")
        int depth;
        @Option(names = "--partition", paramLabel = "KEY", description = "The lineage of this partition.")
        String partition;
        @Option(names = "--column", paramLabel = "COLUMN", description = "The lineage of this column.")
        String column;

        @Override
        int execute(TaskerClient api) {
            if (partition != null) {
                JsonNode answer = api.get("/v1/datasets/" + TaskerClient.segment(name) + "/partitions/"
                        + TaskerClient.segment(partition) + "/lineage");
                return print(answer, out -> {
                    out.printf("%s %s was made by run %s of job %s from:%n", name, partition,
                            JsonText.cell(answer.path("run_id")), JsonText.cell(answer.path("job")));
                    Table table = new Table("dataset", "partition", "materialized_at", "current");
                    answer.path("inputs").forEach(i -> table.row(i.path("dataset").asString(),
                            i.path("partition_key").asString(), i.path("materialized_at").asString(),
                            i.path("current").asBoolean() ? "yes" : "no (rematerialised since)"));
                    table.print(out);
                });
            }
            Map<String, Object> query = new LinkedHashMap<>();
            query.put("direction", direction);
            String path;
            if (column != null) {
                query.put("dataset", name);
                query.put("column", column);
                path = "/v1/lineage/columns";
            } else {
                query.put("depth", depth);
                path = "/v1/lineage/datasets/" + TaskerClient.segment(name);
            }
            JsonNode answer = api.get(TaskerClient.withQuery(path, query));
            return print(answer, out -> {
                Table table = column != null ? new Table("depth", "column", "made from", "job")
                        : new Table("depth", "input", "output", "job");
                answer.path("edges").forEach(e -> {
                    String job = e.path("dag").asString() + "." + e.path("job").asString();
                    if (column != null) {
                        table.row(e.path("depth").asInt(), e.path("output_dataset").asString() + "."
                                + e.path("output_column").asString(), e.path("input_dataset").asString() + "."
                                + e.path("input_column").asString(), job);
                    } else {
                        table.row(e.path("depth").asInt(), e.path("input").asString(), e.path("output").asString(),
                                job);
                    }
                });
                table.print(out);
            });
        }
    }
}
