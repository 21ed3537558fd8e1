package io.tasker.cli.client;

import io.tasker.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code tasker delivery ...}: the outbox of completion webhooks and domain events. */
@Command(name = "delivery", mixinStandardHelpOptions = true,
        description = "Completion webhooks and domain events on their way out: list them, retry dead ones.",
        subcommands = {DeliveryCommand.ListDeliveries.class, DeliveryCommand.Retry.class})
public final class DeliveryCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List deliveries, newest first.")
    static final class ListDeliveries extends ClientCommand {
        @Option(names = "--state", paramLabel = "STATE", defaultValue = "dead",
                description = "pending, delivered or dead (default: dead).")
        String state;
        @Option(names = "--task", paramLabel = "UUID", description = "Only those of this task.",
                converter = UuidConverter.class)
        UUID task;
        @Option(names = "--limit", paramLabel = "N", description = "At most N (1..500, default 50).")
        Integer limit;

        @Override
        int execute(TaskerClient api) {
            Map<String, Object> query = new LinkedHashMap<>();
            query.put("state", state);
            query.put("task_uuid", task);
            query.put("limit", limit);
            JsonNode answer = api.get(TaskerClient.withQuery("/v1/deliveries", query));
            return print(answer, out -> {
                if (answer.path("deliveries").isEmpty()) {
                    out.println("no " + state + " deliveries");
                    return;
                }
                Table table = new Table("message_uuid", "kind", "topic", "target_url", "attempts", "last_error");
                answer.path("deliveries").forEach(d -> table.row(d.path("message_uuid").asString(""),
                        d.path("kind").asString(""), d.path("topic").asString(""), d.path("target_url").asString(""),
                        d.path("attempts").asInt(), JsonText.cell(d.path("last_error"))));
                table.print(out);
            });
        }
    }

    @Command(name = "retry", mixinStandardHelpOptions = true,
            description = "Give a dead delivery a fresh set of attempts, due now.")
    static final class Retry extends ClientCommand {
        @Parameters(paramLabel = "MESSAGE_UUID", description = "The dead delivery.", converter = UuidConverter.class)
        UUID message;

        @Override
        int execute(TaskerClient api) {
            JsonNode answer = api.post("/v1/deliveries/" + message + "/retry", Json.object());
            return print(answer, out -> out.printf("Delivery %s is pending again%n", message));
        }
    }
}
