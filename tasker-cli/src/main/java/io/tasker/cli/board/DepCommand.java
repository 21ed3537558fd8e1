package io.tasker.cli.board;

import io.tasker.cli.client.TaskerClient;
import io.tasker.json.Json;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code tasker board dep add | rm | tree}: which task waits for which. */
@Command(name = "dep", mixinStandardHelpOptions = true, description = "Dependencies: add, rm, tree.",
        subcommands = {DepCommand.Add.class, DepCommand.Remove.class, DepCommand.Tree.class})
final class DepCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "ID waits for DEPENDS_ON (refused, exit 5, when that would close a cycle).")
    static final class Add extends BoardClientCommand {
        @Parameters(index = "0", paramLabel = "ID") String id;
        @Parameters(index = "1", paramLabel = "DEPENDS_ON") String dependsOn;

        @Override
        int execute(TaskerClient api) {
            JsonNode task = api.post(task(id) + "/dependencies", Json.object().put("depends_on", dependsOn));
            return print(task, out -> out.printf("%s now waits for %s (%s)%n", task.path("id").asString(), dependsOn,
                    task.path("status").asString()));
        }
    }

    @Command(name = "rm", mixinStandardHelpOptions = true, description = "ID no longer waits for DEPENDS_ON.")
    static final class Remove extends BoardClientCommand {
        @Parameters(index = "0", paramLabel = "ID") String id;
        @Parameters(index = "1", paramLabel = "DEPENDS_ON") String dependsOn;

        @Override
        int execute(TaskerClient api) {
            JsonNode task = api.delete(task(id) + "/dependencies/" + TaskerClient.segment(dependsOn));
            return print(task, out -> out.printf("%s no longer waits for %s (%s)%n", task.path("id").asString(),
                    dependsOn, task.path("status").asString()));
        }
    }

    @Command(name = "tree", mixinStandardHelpOptions = true,
            description = "What ID waits for, recursively (--reverse: what waits for ID).")
    static final class Tree extends BoardClientCommand {
        @Parameters(index = "0", paramLabel = "ID") String id;
        @Option(names = "--reverse", description = "Show the tasks that wait for ID.") boolean reverse;

        @Override
        int execute(TaskerClient api) {
            JsonNode tree = api.get(task(id) + "/dependencies" + (reverse ? "?reverse=true" : ""));
            return print(tree, out -> BoardPrinter.tree(out, tree, ""));
        }
    }
}
