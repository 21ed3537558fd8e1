package io.tasker.cli.board;

import io.tasker.cli.client.Table;
import io.tasker.cli.client.TaskerClient;
import io.tasker.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code tasker board share | note | discover | context}: what agents tell each other about a task. */
final class ContextCommands {

    private ContextCommands() {
    }

    /** Writes one context entry of {@link #type()}. */
    abstract static class Write extends BoardClientCommand {
        @Parameters(index = "0", paramLabel = "ID") String id;
        @Parameters(index = "1", paramLabel = "TEXT") String content;
        @Option(names = "--request-id", paramLabel = "ID", description = "Writing again with it writes nothing new.")
        String requestId;

        abstract String type();

        @Override
        int execute(TaskerClient api) {
            ObjectNode body = Json.object().put("type", type()).put("content", content);
            TaskCommands.put(body, "request_id", requestId);
            JsonNode entry = api.post(task(id) + "/context", body);
            return print(entry, out -> out.printf("%s %s on %s (entry %d)%n", verb(), type(), entry.path("task_id")
                    .asString(), entry.path("id").asLong()));
        }

        String verb() {
            return "Wrote";
        }
    }

    @Command(name = "share", mixinStandardHelpOptions = true, description = "Share context everyone reads.")
    static final class Share extends Write {
        @Override
        String type() {
            return "shared";
        }
    }

    @Command(name = "note", mixinStandardHelpOptions = true, description = "Write a private note only you read.")
    static final class Note extends Write {
        @Override
        String type() {
            return "private";
        }
    }

    @Command(name = "discover", mixinStandardHelpOptions = true,
            description = "Share a finding and broadcast it to every agent.")
    static final class Discover extends Write {
        @Override
        String type() {
            return "discovery";
        }
    }

    @Command(name = "context", mixinStandardHelpOptions = true,
            description = "A task's shared context, discoveries and your own notes.")
    static final class Show extends BoardClientCommand {
        @Parameters(index = "0", paramLabel = "ID") String id;

        @Override
        int execute(TaskerClient api) {
            JsonNode answer = api.get(task(id) + "/context");
            return print(answer, out -> {
                Table table = new Table("at", "agent", "type", "content");
                answer.path("entries").forEach(e -> table.row(e.path("created_at").asString(),
                        e.path("agent").asString(), e.path("type").asString(), e.path("content").asString()));
                if (!table.isEmpty()) {
                    table.print(out);
                }
                out.printf("%d entr%s%n", answer.path("count").asInt(), answer.path("count").asInt() == 1 ? "y" : "ies");
            });
        }
    }
}
