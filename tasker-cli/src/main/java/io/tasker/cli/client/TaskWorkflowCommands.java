package io.tasker.cli.client;

import io.tasker.InvalidInputException;
import io.tasker.cli.ExitCodes;
import io.tasker.json.Json;
import java.time.Duration;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code tasker task wait|signal|signals|rerun}: waiting for a task, talking to it, running it again. */
final class TaskWorkflowCommands {

    private TaskWorkflowCommands() {
    }

    @Command(name = "wait", mixinStandardHelpOptions = true,
            description = "Wait until a task has ended (long polls; the server wakes as it ends) and show it.")
    static final class Wait extends ClientCommand {
        @Parameters(paramLabel = "TASK_UUID", description = "The task.", converter = UuidConverter.class)
        UUID task;
        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
                description = "Give up after this many seconds (default: 60); exit code 1 when it has not ended.")
        int timeoutSeconds;

        @Override
        int execute(TaskerClient api) {
            if (timeoutSeconds < 0) {
                throw new InvalidInputException("--timeout must be 0 or more seconds");
            }
            JsonNode last = TaskCreateCommand.waitForEnd(api, api.get(TaskCommand.taskPath(task)),
                    Duration.ofSeconds(timeoutSeconds));
            print(last, out -> TaskPrinter.summary(out, last));
            if (!TaskCreateCommand.isFinished(last)) {
                err().printf("tasker: task %s is still %s after %d seconds%n", task,
                        last.path("status").asString(""), timeoutSeconds);
                return ExitCodes.FAILURE;
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "signal", mixinStandardHelpOptions = true,
            description = "Send a signal to a task: its payload becomes the result of the task's signal step of "
                    + "that name (kept until the step is reached).")
    static final class Signal extends ClientCommand {
        @Parameters(index = "0", paramLabel = "TASK_UUID", description = "The task.", converter = UuidConverter.class)
        UUID task;
        @Parameters(index = "1", paramLabel = "NAME", description = "The signal's name, e.g. approved.")
        String name;
        @Option(names = "--data", paramLabel = "JSON", description = "The payload, any JSON value (default: null).")
        String data;

        @Override
        int execute(TaskerClient api) {
            String body = data == null ? "" : Json.write(JsonText.parseOption("--data", data));
            TaskerClient.Reply reply = api.exchange("POST", TaskCommand.taskPath(task) + "/signals/"
                    + TaskerClient.segment(name), "application/json", body);
            if (!reply.ok()) {
                throw api.failure(reply);
            }
            JsonNode answer = reply.body();
            return print(answer, out -> out.printf("Signal %s to task %s: %s%n", name, task,
                    describe(answer.path("status").asString(""))));
        }

        private static String describe(String status) {
            return switch (status) {
                case "woke" -> "delivered (the waiting step completed)";
                case "kept" -> "kept (no step waits for it yet; it completes the step when it is reached)";
                case "duplicate" -> "dropped (a signal of this name is kept already)";
                default -> status;
            };
        }
    }

    @Command(name = "signals", mixinStandardHelpOptions = true,
            description = "The signals a task received and its signal steps waiting now.")
    static final class Signals extends ClientCommand {
        @Parameters(paramLabel = "TASK_UUID", description = "The task.", converter = UuidConverter.class)
        UUID task;

        @Override
        int execute(TaskerClient api) {
            JsonNode answer = api.get(TaskCommand.taskPath(task) + "/signals");
            return print(answer, out -> {
                Table received = new Table("signal", "received_at", "consumed_at", "payload");
                answer.path("received").forEach(r -> received.row(r.path("name").asString(""),
                        r.path("received_at").asString(""), JsonText.cell(r.path("consumed_at")),
                        JsonText.cell(r.path("payload"))));
                out.println("Received:");
                received.print(out);
                Table waiting = new Table("signal", "step_uuid", "timeout_at");
                answer.path("waiting").forEach(w -> waiting.row(w.path("name").asString(""),
                        w.path("step_uuid").asString(""), JsonText.cell(w.path("timeout_at"))));
                out.println("Waiting:");
                waiting.print(out);
            });
        }
    }

    @Command(name = "rerun", mixinStandardHelpOptions = true,
            description = "Run an ended task again: a new task of the same template version and input, linked by "
                    + "parent_correlation_id.")
    static final class Rerun extends ClientCommand {
        @Parameters(paramLabel = "TASK_UUID", description = "The ended task.", converter = UuidConverter.class)
        UUID task;
        @Option(names = "--idempotency-key", paramLabel = "K",
                description = "The same key re-runs the task once (safe to retry).")
        String idempotencyKey;

        @Override
        int execute(TaskerClient api) {
            ObjectNode body = Json.object();
            if (idempotencyKey != null) {
                body.put("idempotency_key", idempotencyKey);
            }
            JsonNode created = api.post(TaskCommand.taskPath(task) + "/rerun", body);
            return print(created, out -> {
                TaskPrinter.summary(out, created);
                new Fields().add("Re-run of", task).print(out);
            });
        }
    }
}
