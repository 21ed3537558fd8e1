package io.tasker.cli.client;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code tasker task ...}: create, inspect, cancel and repair tasks on a running server. */
@Command(name = "task", mixinStandardHelpOptions = true,
        description = "Tasks on a running Tasker server: create, list, inspect, wait, signal, cancel, re-run, repair steps.",
        subcommands = {TaskCreateCommand.class, TaskCommand.Get.class, TaskCommand.ListTasks.class,
                TaskCommand.Cancel.class, TaskStepCommands.Steps.class, TaskStepCommands.Step.class,
                TaskStepCommands.StepAudit.class, StepActionCommands.ResetStep.class,
                StepActionCommands.ResolveStep.class, StepActionCommands.CompleteStep.class,
                TaskVisualizeCommand.class, TaskWorkflowCommands.Wait.class, TaskWorkflowCommands.Signal.class,
                TaskWorkflowCommands.Signals.class, TaskWorkflowCommands.Rerun.class})
public final class TaskCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static String taskPath(UUID task) {
        return "/v1/tasks/" + task;
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Show a task and its steps.")
    static final class Get extends ClientCommand {
        @Parameters(paramLabel = "TASK_UUID", description = "The task.",
                converter = UuidConverter.class)
        UUID task;

        @Override
        int execute(TaskerClient api) {
            JsonNode found = api.get(taskPath(task));
            return print(found, out -> TaskPrinter.details(out, found));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List tasks, newest first.")
    static final class ListTasks extends ClientCommand {
        @Option(names = "--namespace", paramLabel = "NS", description = "Only tasks of this namespace.")
        String namespace;
        @Option(names = "--name", paramLabel = "NAME", description = "Only tasks of this template name.")
        String name;
        @Option(names = "--status", paramLabel = "STATE", description = "Only tasks in this state, e.g. complete.")
        String status;
        @Option(names = "--initiator", paramLabel = "X", description = "Only tasks with this initiator.")
        String initiator;
        @Option(names = "--source-system", paramLabel = "X", description = "Only tasks from this source system.")
        String sourceSystem;
        @Option(names = "--correlation-id", paramLabel = "UUID",
                description = "The family of this correlation id: its tasks, their children, grandchildren, ...",
                converter = UuidConverter.class)
        UUID correlationId;
        @Option(names = "--created-from", paramLabel = "TIME",
                description = "Only tasks created at or after this UTC time, e.g. 2026-11-28T08:00:00Z.")
        String createdFrom;
        @Option(names = "--created-to", paramLabel = "TIME", description = "Only tasks created before this UTC time.")
        String createdTo;
        @Option(names = "--page", paramLabel = "N", description = "Page to show (default: 1).")
        Integer page;
        @Option(names = "--per-page", paramLabel = "N", description = "Tasks per page, 1..100 (default: 25).")
        Integer perPage;

        @Override
        int execute(TaskerClient api) {
            Map<String, Object> query = new LinkedHashMap<>();
            query.put("namespace", namespace);
            query.put("name", name);
            query.put("status", status);
            query.put("initiator", initiator);
            query.put("source_system", sourceSystem);
            query.put("correlation_id", correlationId);
            query.put("created_from", createdFrom);
            query.put("created_to", createdTo);
            query.put("page", page);
            query.put("per_page", perPage);
            JsonNode answer = api.get(TaskerClient.withQuery("/v1/tasks", query));
            return print(answer, out -> {
                JsonNode pagination = answer.path("pagination");
                long total = pagination.path("total_count").asLong();
                if (answer.path("tasks").isEmpty()) {
                    out.println(total == 0 ? "no tasks" : "no tasks on page " + pagination.path("page").asInt()
                            + " (" + total + " in all)");
                    return;
                }
                Table table = new Table("task_uuid", "template", "status", "created_at");
                answer.path("tasks").forEach(task -> table.row(task.path("task_uuid").asString(""),
                        TaskPrinter.template(task), task.path("status").asString(""),
                        task.path("created_at").asString("")));
                table.print(out);
                out.printf("page %d of %d, %d task%s%n", pagination.path("page").asInt(),
                        pagination.path("total_pages").asInt(), total, total == 1 ? "" : "s");
            });
        }
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true,
            description = "Cancel a task and its unfinished steps (running handlers are interrupted).")
    static final class Cancel extends ClientCommand {
        @Parameters(paramLabel = "TASK_UUID", description = "The task.",
                converter = UuidConverter.class)
        UUID task;

        @Override
        int execute(TaskerClient api) {
            JsonNode cancelled = api.delete(taskPath(task));
            return print(cancelled, out -> TaskPrinter.summary(out, cancelled));
        }
    }
}
