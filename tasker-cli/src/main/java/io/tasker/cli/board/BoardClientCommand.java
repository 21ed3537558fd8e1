package io.tasker.cli.board;

import io.tasker.cli.ExitCodes;
import io.tasker.cli.client.ClientOptions;
import io.tasker.cli.client.JsonText;
import io.tasker.cli.client.TaskerClient;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/**
 * A {@code tasker board} command: talks to the server as an agent ({@code --agent}, else {@code TASKER_AGENT_ID},
 * else the user of the key), and prints text for people or, with {@code --json}, the server's JSON.
 */
abstract class BoardClientCommand implements Callable<Integer> {

    /** The header the server reads the acting agent from. */
    static final String AGENT_HEADER = "X-Tasker-Agent";

    @Mixin
    ClientOptions client;

    @Option(names = "--agent", paramLabel = "NAME", defaultValue = "${env:TASKER_AGENT_ID}",
            description = "Act as this agent (default: \\$TASKER_AGENT_ID, else the key's user).")
    String agent;

    @Option(names = "--json", description = "Print the server's JSON instead of text.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public final Integer call() throws Exception {
        Map<String, String> headers = agent == null || agent.isBlank() ? Map.of() : Map.of(AGENT_HEADER, agent.strip());
        try (TaskerClient api = client.connect(headers)) {
            return execute(api);
        } finally {
            out().flush();
            err().flush();
        }
    }

    abstract int execute(TaskerClient api) throws Exception;

    boolean json() {
        return json || client.json();
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    int print(JsonNode answer, Consumer<PrintWriter> text) {
        if (json()) {
            out().println(JsonText.pretty(answer));
        } else {
            text.accept(out());
        }
        return ExitCodes.OK;
    }

    /** A board task id as a URL path segment. */
    static String task(String id) {
        return "/v1/board/tasks/" + TaskerClient.segment(id);
    }
}
