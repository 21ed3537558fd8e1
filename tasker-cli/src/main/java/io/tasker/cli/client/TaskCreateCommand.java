package io.tasker.cli.client;

import io.tasker.InvalidInputException;
import io.tasker.cli.ExitCodes;
import io.tasker.json.Json;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code tasker task create}: {@code POST /v1/tasks}, now or later; with {@code --wait}, waits until the task has ended. */
@Command(name = "create",
        description = "Create a task from a registered template; with --wait, wait until it has finished.")
final class TaskCreateCommand extends ClientCommand {

    /** One long poll's wait; the client's request timeout (60 s) must outlast it. */
    static final Duration MAX_WAIT = Duration.ofSeconds(30);

    @Mixin
    TemplateInput template;
    @Option(names = "--initiator", paramLabel = "X", description = "Who asked for the task (default: system).")
    String initiator;
    @Option(names = "--source-system", paramLabel = "X", description = "Where the request came from (default: tasker).")
    String sourceSystem;
    @Option(names = "--reason", paramLabel = "X", description = "Why (default: Task requested).")
    String reason;
    @Option(names = "--tag", paramLabel = "T", description = "A tag; repeat for more.")
    List<String> tags;
    @Option(names = "--priority", paramLabel = "N", description = "-100..100 (default: 0).")
    Integer priority;
    @Option(names = "--correlation-id", paramLabel = "UUID", description = "Default: a new UUID.",
            converter = UuidConverter.class)
    UUID correlationId;
    @Option(names = "--parent-correlation-id", paramLabel = "UUID", description = "The parent's correlation id.",
            converter = UuidConverter.class)
    UUID parentCorrelationId;
    @Option(names = "--idempotency-key", paramLabel = "K", description = "Identity of the request, for retries.")
    String idempotencyKey;
    @Option(names = "--run-at", paramLabel = "INSTANT",
            description = "Start the task's steps at this ISO-8601 instant, e.g. 2026-12-01T09:00:00Z.")
    String runAt;
    @Option(names = "--delay", paramLabel = "DURATION",
            description = "Start the task's steps this long from now: 90s, 10m, 2h or PT10M.")
    String delay;
    @Option(names = "--on-complete", paramLabel = "URL",
            description = "A completion webhook: POSTed (signed, with retries) when the task ends.")
    String onComplete;
    @Option(names = "--wait", paramLabel = "SECONDS",
            description = "Wait up to SECONDS for the task to finish; exit 0 when it ends complete or resolved_manually,"
                    + " 7 when it ends in error or cancelled, 1 when it is still running.")
    Integer waitSeconds;

    @Override
    int execute(TaskerClient api) {
        ObjectNode request = request();
        if (waitSeconds != null && waitSeconds < 0) {
            throw new InvalidInputException("--wait must be 0 or more seconds, got " + waitSeconds);
        }
        JsonNode task = api.post("/v1/tasks", request);
        if (waitSeconds == null || waitSeconds == 0) {
            return print(task, out -> TaskPrinter.summary(out, task));
        }
        JsonNode last = waitForEnd(api, task, Duration.ofSeconds(waitSeconds));
        print(last, out -> TaskPrinter.summary(out, last));
        String uuid = last.path("task_uuid").asString("");
        String status = last.path("status").asString("");
        if (!isFinished(last)) {
            err().printf("tasker: task %s is still %s after %d seconds%n", uuid, status, waitSeconds);
            return ExitCodes.FAILURE;
        }
        if (status.equals("error") || status.equals("cancelled")) {
            err().printf("tasker: task %s %s%s%n", uuid, status.equals("error") ? "ended in error" : "was cancelled",
                    firstFailure(last));
            return ExitCodes.TASK_FAILED;
        }
        return ExitCodes.OK;
    }

    /** ": step 'x' failed: Type: message" for the first step with an error, or nothing. */
    private static String firstFailure(JsonNode task) {
        for (JsonNode step : task.path("steps")) {
            if (step.path("last_error").isObject()) {
                return ": step '" + step.path("name").asString("") + "' failed: "
                        + TaskPrinter.errorCell(step.path("last_error"));
            }
        }
        return "";
    }

    private ObjectNode request() {
        ObjectNode request = Json.object();
        template.putInto(request);
        putIfSet(request, "initiator", initiator);
        putIfSet(request, "source_system", sourceSystem);
        putIfSet(request, "reason", reason);
        if (tags != null) {
            tags.forEach(request.putArray("tags")::add);
        }
        if (priority != null) {
            request.put("priority", priority);
        }
        putIfSet(request, "correlation_id", correlationId);
        putIfSet(request, "parent_correlation_id", parentCorrelationId);
        putIfSet(request, "idempotency_key", idempotencyKey);
        putIfSet(request, "run_at", runAt);
        putIfSet(request, "delay", delay);
        if (onComplete != null) {
            request.putObject("on_complete").put("url", onComplete);
        }
        return request;
    }

    /** Long polls ({@code GET ?wait=}): the server answers as the task ends, so this never reads in a loop. */
    static JsonNode waitForEnd(TaskerClient api, JsonNode created, Duration timeout) {
        String path = "/v1/tasks/" + created.path("task_uuid").asString("");
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode task = created;
        while (!isFinished(task)) {
            long left = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
            if (left <= 0) {
                break;
            }
            task = api.get(path + "?wait=" + Math.min(left, MAX_WAIT.toMillis()) + "ms");
        }
        return task;
    }

    static boolean isFinished(JsonNode task) {
        return TaskPrinter.TERMINAL_STATES.contains(task.path("status").asString(""));
    }

    private static void putIfSet(ObjectNode request, String field, Object value) {
        if (value != null) {
            request.put(field, value.toString());
        }
    }
}
