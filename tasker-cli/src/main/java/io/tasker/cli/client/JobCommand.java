package io.tasker.cli.client;

import io.tasker.json.Json;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code tasker job ...}: manual runs, backfills and the runs of data jobs. */
@Command(name = "job", mixinStandardHelpOptions = true,
        description = "Data jobs on a running Tasker server: run (a manual run or backfill), runs.",
        subcommands = {JobCommand.Run.class, JobCommand.Runs.class})
public final class JobCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Run a job of a DAG's current version for partitions: a list (--partitions a,b) or a range"
                    + " (--from A --to B).")
    static final class Run extends ClientCommand {
        @Parameters(index = "0", paramLabel = "DAG")
        String dag;
        @Parameters(index = "1", paramLabel = "JOB")
        String job;
        @Option(names = "--partitions", paramLabel = "KEYS", description = "Partition keys, comma-separated.")
        String partitions;
        @Option(names = "--from", paramLabel = "KEY", description = "First partition of a range.")
        String from;
        @Option(names = "--to", paramLabel = "KEY", description = "Last partition of a range.")
        String to;
        @Option(names = "--mode", defaultValue = "missing",
                description = "missing (default), failed (whose last run failed) or all.")
        String mode;
        @Option(names = "--max-concurrency", defaultValue = "10", description = "Runs at once (default 10).")
        int maxConcurrency;

        @Override
        int execute(TaskerClient api) {
            ObjectNode body = Json.object();
            if (partitions != null) {
                var keys = body.putArray("partitions");
                Arrays.stream(partitions.split(",")).map(String::trim).filter(k -> !k.isEmpty()).forEach(keys::add);
            } else {
                body.putObject("partitions").put("from", from).put("to", to);
            }
            body.put("mode", mode);
            body.put("max_concurrency", maxConcurrency);
            JsonNode answer = api.post("/v1/dags/" + TaskerClient.segment(dag) + "/jobs/" + TaskerClient.segment(job)
                    + "/runs", body);
            return print(answer, out -> {
                Table table = new Table("run", "partitions", "status");
                answer.path("runs").forEach(r -> table.row(r.path("run_id").asString(), JsonText.cell(r.path("partitions")),
                        r.path("status").asString()));
                if (!answer.path("runs").isEmpty()) {
                    table.print(out);
                }
                out.printf("%d run%s started, %d partition%s skipped (mode %s)%n", answer.path("runs").size(),
                        answer.path("runs").size() == 1 ? "" : "s", answer.path("skipped").asInt(),
                        answer.path("skipped").asInt() == 1 ? "" : "s", mode);
            });
        }
    }

    @Command(name = "runs", mixinStandardHelpOptions = true, description = "List a job's runs, newest first.")
    static final class Runs extends ClientCommand {
        @Parameters(index = "0", paramLabel = "DAG")
        String dag;
        @Parameters(index = "1", paramLabel = "JOB")
        String job;
        @Option(names = "--status", paramLabel = "STATUS", description = "Only runs in this status.")
        String status;
        @Option(names = "--page", defaultValue = "1", description = "Page (default 1).")
        int page;

        @Override
        int execute(TaskerClient api) {
            Map<String, Object> query = new LinkedHashMap<>();
            query.put("status", status);
            query.put("page", page);
            JsonNode answer = api.get(TaskerClient.withQuery("/v1/dags/" + TaskerClient.segment(dag) + "/jobs/"
                    + TaskerClient.segment(job) + "/runs", query));
            return print(answer, out -> {
                Table table = new Table("run", "partitions", "status", "attempts", "created_at", "error");
                answer.path("runs").forEach(r -> table.row(r.path("run_id").asString(),
                        JsonText.cell(r.path("partitions")), r.path("status").asString(), r.path("attempts").asInt(),
                        r.path("created_at").asString(), JsonText.cell(r.path("error"))));
                table.print(out);
                out.printf("%d run%s%n", answer.path("pagination").path("total_count").asLong(),
                        answer.path("pagination").path("total_count").asLong() == 1 ? "" : "s");
            });
        }
    }
}
