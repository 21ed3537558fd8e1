package io.tasker.cli.client;

import io.tasker.cli.ExitCodes;
import io.tasker.json.Json;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code tasker dag ...}: data pipeline DAGs on a running server. */
@Command(name = "dag", mixinStandardHelpOptions = true,
        description = "Data pipeline DAGs on a running Tasker server: deploy, list, get, activate, diff.",
        subcommands = {DagCommand.Deploy.class, DagCommand.ListDags.class, DagCommand.Get.class,
                DagCommand.Activate.class, DagCommand.Diff.class})
public final class DagCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "deploy", mixinStandardHelpOptions = true,
            description = "Deploy a DAG file; the same file again is the same version. The first version of a DAG "
                    + "becomes active; later ones are built beside it until activated (--activate does it at once).")
    static final class Deploy extends ClientCommand {
        @Parameters(index = "0", paramLabel = "FILE", description = "The DAG, YAML.")
        Path file;
        @Option(names = "--activate", description = "Activate the version once deployed.")
        boolean activate;

        @Override
        int execute(TaskerClient api) {
            TaskerClient.Reply reply;
            try {
                reply = api.send("POST", "/v1/dags", "application/yaml", readFile(file));
            } catch (ClientException invalid) {
                if (!invalid.errorCode().equals("invalid_dag")) {
                    throw invalid;
                }
                err().printf("tasker: %s is not a valid DAG (%d problem%s)%n", file, invalid.problems().size(),
                        invalid.problems().size() == 1 ? "" : "s");
                invalid.problems().forEach(problem -> err().println("  " + problem));
                return ExitCodes.USAGE;
            }
            JsonNode body = reply.body();
            if (activate && !body.path("active").asBoolean()) {
                api.send("PUT", "/v1/dags/" + TaskerClient.segment(body.path("dag_name").asString()) + "/active",
                        "application/json", Json.write(Json.object().put("dag_version_id",
                                body.path("dag_version_id").asString())));
                ((tools.jackson.databind.node.ObjectNode) body).put("active", true);
            }
            return print(body, out -> {
                out.printf("%s %s version %s%s%n", body.path("created").asBoolean() ? "deployed" : "already deployed:",
                        body.path("dag_name").asString(), body.path("dag_version_id").asString(),
                        body.path("active").asBoolean() ? " (active)" : " (not active: tasker dag activate)");
                if (!body.path("rebuilt_jobs").isEmpty()) {
                    out.printf("rebuilding %s: %d run%s started%n", JsonText.cell(body.path("rebuilt_jobs")),
                            body.path("runs_started").asInt(), body.path("runs_started").asInt() == 1 ? "" : "s");
                }
            });
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the DAGs.")
    static final class ListDags extends ClientCommand {
        @Override
        int execute(TaskerClient api) {
            JsonNode answer = api.get("/v1/dags");
            return print(answer, out -> {
                Table table = new Table("dag", "current_version", "activated_at", "versions", "last_deployed_at");
                answer.path("dags").forEach(d -> table.row(d.path("dag_name").asString(),
                        JsonText.cell(d.path("current_version_id")), JsonText.cell(d.path("activated_at")),
                        d.path("version_count").asInt(), d.path("last_deployed_at").asString()));
                table.print(out);
            });
        }
    }

    @Command(name = "get", description = "Show a DAG: its versions and the jobs of its current version.")
    static final class Get extends ClientCommand {
        // Not mixinStandardHelpOptions: its --version would clash with ours (picocli then drops the whole standard
        // mixin, --help included).
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
        boolean help;
        @Parameters(index = "0", paramLabel = "DAG")
        String dag;
        @Option(names = "--version", paramLabel = "VERSION_ID", description = "Show the jobs of this version.")
        String version;

        @Override
        int execute(TaskerClient api) {
            JsonNode answer = api.get(TaskerClient.withQuery("/v1/dags/" + TaskerClient.segment(dag),
                    java.util.Collections.singletonMap("version", version)));
            return print(answer, out -> {
                Table versions = new Table("version", "created_at", "current", "live", "yaml_hash");
                answer.path("versions").forEach(v -> versions.row(v.path("dag_version_id").asString(),
                        v.path("created_at").asString(), v.path("current").asBoolean() ? "yes" : "",
                        v.path("live").asBoolean() ? "yes" : "", v.path("yaml_hash").asString().substring(0, 12)));
                versions.print(out);
                out.printf("%nJobs of version %s:%n", answer.path("jobs_of_version_id").asString());
                Table jobs = new Table("job", "activation", "operator", "inputs", "outputs", "partitions");
                answer.path("jobs").forEach(j -> jobs.row(j.path("name").asString(), j.path("activation").asString(),
                        j.path("operator").asString(), JsonText.cell(j.path("inputs")),
                        JsonText.cell(j.path("outputs")), j.path("partitions").path("kind").asString("")));
                jobs.print(out);
            });
        }
    }

    @Command(name = "activate", mixinStandardHelpOptions = true,
            description = "Make a version the DAG's current one (cut over, or roll back: nothing is recomputed).")
    static final class Activate extends ClientCommand {
        @Parameters(index = "0", paramLabel = "DAG")
        String dag;
        @Parameters(index = "1", paramLabel = "VERSION_ID")
        String version;

        @Override
        int execute(TaskerClient api) {
            JsonNode answer = api.send("PUT", "/v1/dags/" + TaskerClient.segment(dag) + "/active", "application/json",
                    Json.write(Json.toTree(Map.of("dag_version_id", version)))).body();
            return print(answer, out -> out.printf("%s: version %s is active (was %s); %d queued run%s cancelled%n",
                    dag, answer.path("dag_version_id").asString(), JsonText.cell(answer.path("previous_version_id")),
                    answer.path("cancelled_runs").size(), answer.path("cancelled_runs").size() == 1 ? "" : "s"));
        }
    }

    @Command(name = "diff", mixinStandardHelpOptions = true,
            description = "The jobs that change between two versions: those rebuilt under new dataset versions.")
    static final class Diff extends ClientCommand {
        @Parameters(index = "0", paramLabel = "DAG")
        String dag;
        @Parameters(index = "1", paramLabel = "FROM_VERSION")
        String from;
        @Parameters(index = "2", paramLabel = "TO_VERSION")
        String to;

        @Override
        int execute(TaskerClient api) {
            JsonNode answer = api.get(TaskerClient.withQuery("/v1/dags/" + TaskerClient.segment(dag) + "/diff",
                    Map.of("from", from, "to", to)));
            return print(answer, out -> {
                Table table = new Table("job", "change", "why");
                answer.path("jobs").forEach(j -> table.row(j.path("job").asString(), j.path("change").asString(),
                        JsonText.cell(j.path("reasons"))));
                table.print(out);
                out.printf("rebuilt: %s%n", answer.path("rebuilt").isEmpty() ? "nothing"
                        : JsonText.cell(answer.path("rebuilt")));
            });
        }
    }
}
