package io.tasker.cli.board;

import io.tasker.cli.client.TaskerClient;
import io.tasker.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code tasker board add | list | show | update | complete | cancel | delete | assign}. */
final class TaskCommands {

    private TaskCommands() {
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Create a task; prints its id.")
    static final class Add extends BoardClientCommand {
        @Parameters(index = "0", paramLabel = "TITLE", description = "What is to be done.")
        String title;
        @Option(names = {"-d", "--description"}, paramLabel = "TEXT") String description;
        @Option(names = {"-p", "--priority"}, paramLabel = "P", description = "low, medium (default), high, critical.")
        String priority;
        @Option(names = "--assignee", paramLabel = "AGENT") String assignee;
        @Option(names = "--role", paramLabel = "ROLE", description = "Only holders of this role may claim it.")
        String role;
        @Option(names = "--depends-on", paramLabel = "ID", split = ",", description = "Tasks it waits for.")
        List<String> dependsOn = new ArrayList<>();
        @Option(names = "--file", paramLabel = "PATH[:A[-B]]", description = "A file (and lines) it works on.")
        List<String> files = new ArrayList<>();
        @Option(names = "--request-id", paramLabel = "ID", description = "Creating again with it returns the first task.")
        String requestId;

        @Override
        int execute(TaskerClient api) {
            ObjectNode body = Json.object().put("title", title);
            put(body, "description", description);
            put(body, "priority", priority);
            put(body, "assignee", assignee);
            put(body, "request_id", requestId);
            put(body, "role", role);
            strings(body, "depends_on", dependsOn);
            strings(body, "files", files);
            JsonNode task = api.post("/v1/board/tasks", body);
            return print(task, out -> out.println(task.path("id").asString()));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List tasks, highest priority first.")
    static final class ListTasks extends BoardClientCommand {
        @Option(names = "--status", paramLabel = "S") String status;
        @Option(names = "--assignee", paramLabel = "AGENT") String assignee;
        @Option(names = {"-p", "--priority"}, paramLabel = "P") String priority;
        @Option(names = "--limit", paramLabel = "N", defaultValue = "100") int limit;
        @Option(names = "--offset", paramLabel = "N", defaultValue = "0", description = "Skip the first N (paging).")
        int offset;

        @Override
        int execute(TaskerClient api) {
            Map<String, Object> query = new LinkedHashMap<>();
            query.put("status", status);
            query.put("assignee", assignee);
            query.put("priority", priority);
            query.put("limit", limit);
            query.put("offset", offset);
            JsonNode answer = api.get(TaskerClient.withQuery("/v1/board/tasks", query));
            return print(answer, out -> BoardPrinter.tasks(out, answer.path("tasks")));
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show a task; --history adds its audit.")
    static final class Show extends BoardClientCommand {
        @Parameters(index = "0", paramLabel = "ID") String id;
        @Option(names = "--history", description = "Replay its audit log.") boolean history;

        @Override
        int execute(TaskerClient api) {
            JsonNode task = api.get(task(id) + (history ? "?history=true" : ""));
            return print(task, out -> BoardPrinter.task(out, task));
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true,
            description = "Change a task. --status completed|cancelled|in_progress|pending is the same as complete,"
                    + " cancel, claim and release.")
    static final class Update extends BoardClientCommand {
        @Parameters(index = "0", paramLabel = "ID") String id;
        @Option(names = "--title") String title;
        @Option(names = {"-d", "--description"}) String description;
        @Option(names = {"-p", "--priority"}) String priority;
        @Option(names = "--assignee") String assignee;
        @Option(names = "--status") String status;
        @Option(names = "--summary", description = "Completion summary or cancellation reason.") String summary;
        @Option(names = "--file", paramLabel = "PATH[:A[-B]]") List<String> files = new ArrayList<>();

        @Override
        int execute(TaskerClient api) {
            ObjectNode body = Json.object();
            put(body, "title", title);
            put(body, "description", description);
            put(body, "priority", priority);
            put(body, "assignee", assignee);
            put(body, "status", status);
            put(body, "summary", summary);
            strings(body, "files", files);
            JsonNode task = api.patch(task(id), body);
            return print(task, out -> BoardPrinter.task(out, task));
        }
    }

    @Command(name = "complete", mixinStandardHelpOptions = true,
            description = "Complete a task; dependents it was the last open dependency of become ready.")
    static final class Complete extends BoardClientCommand {
        @Parameters(index = "0", paramLabel = "ID") String id;
        @Option(names = "--summary", paramLabel = "TEXT") String summary;

        @Override
        int execute(TaskerClient api) {
            ObjectNode body = Json.object();
            put(body, "summary", summary);
            JsonNode task = api.post(task(id) + "/complete", body);
            return print(task, out -> out.printf("Completed %s%n", task.path("id").asString()));
        }
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true,
            description = "Cancel a task; its dependents stay blocked and are told.")
    static final class Cancel extends BoardClientCommand {
        @Parameters(index = "0", paramLabel = "ID") String id;
        @Option(names = "--reason", paramLabel = "TEXT") String reason;

        @Override
        int execute(TaskerClient api) {
            ObjectNode body = Json.object();
            put(body, "reason", reason);
            JsonNode task = api.post(task(id) + "/cancel", body);
            return print(task, out -> out.printf("Cancelled %s%n", task.path("id").asString()));
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a task nothing depends on.")
    static final class Delete extends BoardClientCommand {
        @Parameters(index = "0", paramLabel = "ID") String id;

        @Override
        int execute(TaskerClient api) {
            JsonNode answer = api.delete(task(id));
            return print(answer, out -> out.printf("Deleted %s%n", answer.path("deleted").asString()));
        }
    }

    @Command(name = "assign", mixinStandardHelpOptions = true, description = "Assign a task to an agent (it is told).")
    static final class Assign extends BoardClientCommand {
        @Parameters(index = "0", paramLabel = "ID") String id;
        @Parameters(index = "1", paramLabel = "AGENT") String assignee;

        @Override
        int execute(TaskerClient api) {
            JsonNode task = api.post(task(id) + "/assign", Json.object().put("assignee", assignee));
            return print(task, out -> out.printf("Assigned %s to %s%n", task.path("id").asString(), assignee));
        }
    }

    static void put(ObjectNode body, String field, String value) {
        if (value != null) {
            body.put(field, value);
        }
    }

    static void strings(ObjectNode body, String field, List<String> values) {
        if (!values.isEmpty()) {
            ArrayNode array = body.putArray(field);
            values.forEach(array::add);
        }
    }
}
