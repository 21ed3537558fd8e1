package io.tasker.cli.client;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code tasker dataset ...}: datasets and their partitions on a running server. */
@Command(name = "dataset", mixinStandardHelpOptions = true,
        description = "Datasets of data pipelines on a running Tasker server: list, get, partitions, status, lineage,"
                + " invalidate, invalidations, invalidation.",
        subcommands = {DatasetCommand.ListDatasets.class, DatasetCommand.Get.class, DatasetCommand.Partitions.class,
                DatasetLineageCommands.Status.class, DatasetLineageCommands.Lineage.class,
                InvalidationCommands.Invalidate.class, InvalidationCommands.ListRoots.class,
                InvalidationCommands.Show.class})
public final class DatasetCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the datasets.")
    static final class ListDatasets extends ClientCommand {
        @Override
        int execute(TaskerClient api) {
            JsonNode answer = api.get("/v1/datasets");
            return print(answer, out -> {
                Table table = new Table("dataset", "published", "producer", "partitions", "rows", "bytes");
                answer.path("datasets").forEach(d -> table.row(d.path("name").asString(),
                        d.path("published").asBoolean() ? "yes" : "", d.path("producer").path("dag").asString() + "."
                                + d.path("producer").path("job").asString(), d.path("partition_count").asLong(),
                        d.path("row_count").asLong(), d.path("bytes").asLong()));
                table.print(out);
            });
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true,
            description = "Show a dataset: its current version and its partitions by status.")
    static final class Get extends ClientCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        int execute(TaskerClient api) {
            JsonNode d = api.get("/v1/datasets/" + TaskerClient.segment(name));
            return print(d, out -> {
                Fields fields = new Fields().add("Dataset", d.path("name").asString())
                        .add("Producer", d.path("producer").path("dag").asString() + "."
                                + d.path("producer").path("job").asString() + " output "
                                + d.path("producer").path("output").asInt())
                        .add("Current version", JsonText.cell(d.path("current_version_id")))
                        .add("Location", JsonText.cell(d.path("storage_location")))
                        .add("Rows", d.path("row_count").asLong()).add("Bytes", d.path("bytes").asLong());
                d.path("partition_counts").properties().forEach(e -> fields.add("Partitions " + e.getKey(),
                        e.getValue().asLong()));
                fields.print(out);
            });
        }
    }

    @Command(name = "partitions", mixinStandardHelpOptions = true,
            description = "List a dataset's partitions with their status (materialized, queued, running, failed, "
                    + "missing) and freshness (fresh, stale with causes); --status also takes fresh or stale.")
    static final class Partitions extends ClientCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
        @Option(names = "--status", paramLabel = "STATUS", description = "Only partitions in this status.")
        String status;
        @Option(names = "--page", defaultValue = "1", description = "Page (default 1).")
        int page;
        @Option(names = "--per-page", defaultValue = "100", description = "Partitions per page (default 100).")
        int perPage;

        @Override
        int execute(TaskerClient api) {
            Map<String, Object> query = new LinkedHashMap<>();
            query.put("status", status);
            query.put("page", page);
            query.put("per_page", perPage);
            JsonNode answer = api.get(TaskerClient.withQuery("/v1/datasets/" + TaskerClient.segment(name)
                    + "/partitions", query));
            return print(answer, out -> {
                Table table = new Table("partition", "status", "freshness", "materialized_at", "rows", "bytes",
                        "location");
                answer.path("partitions").forEach(p -> table.row(p.path("partition_key").asString(),
                        p.path("status").asString(), DatasetLineageCommands.freshness(p),
                        JsonText.cell(p.path("materialized_at")),
                        JsonText.cell(p.path("row_count")), JsonText.cell(p.path("bytes")),
                        JsonText.cell(p.path("location"))));
                table.print(out);
                out.printf("%d partition%s%n", answer.path("pagination").path("total_count").asLong(),
                        answer.path("pagination").path("total_count").asLong() == 1 ? "" : "s");
            });
        }
    }
}
