package io.tasker.cli.client;

import io.tasker.cli.ExitCodes;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code tasker system ...}: a running server's health and facts. */
@Command(name = "system", mixinStandardHelpOptions = true,
        description = "A running Tasker server: health checks and system facts.",
        subcommands = {SystemCommand.Health.class, SystemCommand.Info.class})
public final class SystemCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "health", mixinStandardHelpOptions = true,
            description = {"Show the server's health checks and facts, the last hours' throughput and rates, and"
                    + " tasks and steps by state, the queue and the dead letter queue now; exit code 4 when the"
                    + " server is not healthy.",
                    "The analytics need the permission analytics:read; without it they are left out with a note."})
    static final class Health extends ClientCommand {

        @Option(names = "--hours", paramLabel = "N", defaultValue = "24",
                description = "Hours of throughput and rates to show, 1..720 (default: 24).")
        int hours;

        @Override
        int execute(TaskerClient api) {
            TaskerClient.Reply reply = api.exchange("GET", "/health/detailed", null, null);
            boolean degraded = reply.status() == 503 && reply.body().has("checks");
            if (!reply.ok() && !degraded) {
                throw api.failure(reply);
            }
            TaskerClient.Reply analytics = api.exchange("GET",
                    TaskerClient.withQuery("/v1/analytics/performance", Map.of("hours", hours)), null, null);
            if (analytics.status() == 400) {
                throw api.failure(analytics);
            }
            // Health needs system:read and analytics analytics:read: a key without the latter still gets health.
            Optional<ClientException> analyticsFailure = analytics.ok() ? Optional.empty()
                    : Optional.of(api.failure(analytics));
            ObjectNode health = ((ObjectNode) reply.body()).deepCopy();
            if (analyticsFailure.isEmpty()) {
                health.set("performance", analytics.body());
            } else {
                health.putNull("performance");
                health.putObject("performance_error").put("error", analyticsFailure.get().errorCode())
                        .put("message", analyticsFailure.get().getMessage());
            }
            print(health, out -> {
                new Fields().add("Status", JsonText.cell(health.path("status")))
                        .add("Checked at", JsonText.cell(health.path("timestamp")))
                        .print(out);
                out.println();
                Table checks = new Table("check", "status", "detail");
                for (Map.Entry<String, JsonNode> check : health.path("checks").properties()) {
                    checks.row(check.getKey(), JsonText.cell(check.getValue().path("status")),
                            checkDetail(check.getValue()));
                }
                checks.print(out);
                out.println();
                out.println("Info:");
                printObject(out, health.path("info"));
                out.println();
                analyticsFailure.ifPresentOrElse(
                        failure -> out.println("Analytics not shown: " + failure.getMessage()),
                        () -> PerformancePrinter.print(out, analytics.body(), hours));
            });
            return degraded ? ExitCodes.UNAVAILABLE : ExitCodes.OK;
        }

        private static String checkDetail(JsonNode check) {
            StringBuilder detail = new StringBuilder();
            for (Map.Entry<String, JsonNode> field : check.properties()) {
                if (!field.getKey().equals("status")) {
                    detail.append(detail.isEmpty() ? "" : ", ").append(field.getKey()).append(' ')
                            .append(JsonText.cell(field.getValue()));
                }
            }
            return detail.toString();
        }
    }

    @Command(name = "info", mixinStandardHelpOptions = true,
            description = "Show the server's version, roles, database, schema version and queue counts.")
    static final class Info extends ClientCommand {
        @Override
        int execute(TaskerClient api) {
            JsonNode info = api.get("/v1/system/info");
            return print(info, out -> printObject(out, info));
        }
    }

    /** An object's fields as aligned lines; nested objects as {@code key value, key value}. */
    static void printObject(PrintWriter out, JsonNode object) {
        Fields fields = new Fields();
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            JsonNode value = field.getValue();
            if (value.isObject()) {
                StringBuilder inline = new StringBuilder();
                value.properties().forEach(inner -> inline.append(inline.isEmpty() ? "" : ", ")
                        .append(inner.getKey()).append(' ').append(JsonText.cell(inner.getValue())));
                fields.add(field.getKey(), inline.toString());
            } else {
                fields.add(field.getKey(), JsonText.cell(value));
            }
        }
        fields.print(out);
    }
}
