package io.tasker.cli.client;

import java.io.PrintWriter;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Tasks, steps and audit entries (as the API shapes them) as text. */
final class TaskPrinter {

    /** Task states after which nothing more happens. */
    static final Set<String> TERMINAL_STATES = Set.of("complete", "error", "cancelled", "resolved_manually");
    static final int ERROR_WIDTH = 100;

    private TaskPrinter() {
    }

    static String template(JsonNode task) {
        return task.path("namespace").asString("") + "/" + task.path("name").asString("") + "@"
                + task.path("version").asString("");
    }

    /** uuid, template, status and how many steps are done. */
    static void summary(PrintWriter out, JsonNode task) {
        summaryFields(task).print(out);
    }

    /** The task's fields, then a table of its steps. */
    static void details(PrintWriter out, JsonNode task) {
        summaryFields(task)
                .add("Health", JsonText.cell(task.path("execution_status")) + ", "
                        + JsonText.cell(task.path("health_status")))
                .add("Recommended", JsonText.cell(task.path("recommended_action")))
                .add("Priority", JsonText.cell(task.path("priority")))
                .add("Initiator", JsonText.cell(task.path("initiator")))
                .add("Source system", JsonText.cell(task.path("source_system")))
                .add("Reason", JsonText.cell(task.path("reason")))
                .add("Tags", JsonText.cell(task.path("tags")))
                .add("Correlation id", JsonText.cell(task.path("correlation_id")))
                .add("Parent corr. id", JsonText.cell(task.path("parent_correlation_id")))
                .add("Created at", JsonText.cell(task.path("created_at")))
                .add("Completed at", JsonText.cell(task.path("completed_at")))
                .add("Context", JsonText.cell(task.path("context")))
                .print(out);
        out.println();
        steps(out, task.path("steps"));
    }

    /** A table of steps: uuid, name, state, attempts, depends_on, and the last attempt's error of a failed step. */
    static void steps(PrintWriter out, JsonNode steps) {
        Table table = new Table("step_uuid", "name", "state", "attempts", "depends_on", "error");
        for (JsonNode step : steps) {
            table.row(step.path("step_uuid").asString(""), step.path("name").asString(""),
                    step.path("current_state").asString(""),
                    step.path("attempts").asInt() + "/" + step.path("max_attempts").asInt(),
                    JsonText.cell(step.path("depends_on")), errorCell(step.path("last_error")));
        }
        table.print(out);
    }

    /** {@code type: message} on one line, cut to {@value #ERROR_WIDTH} characters (task step shows it whole). */
    static String errorCell(JsonNode error) {
        if (!error.isObject()) {
            return "-";
        }
        String type = error.path("type").asString("");
        String message = error.path("message").asString("").replaceAll("\\s+", " ").strip();
        String text = type.isEmpty() ? message : message.isEmpty() ? type : type + ": " + message;
        return text.length() <= ERROR_WIDTH ? text : text.substring(0, ERROR_WIDTH - 3) + "...";
    }

    /** Every field of a step; results and checkpoints as pretty JSON. */
    static void step(PrintWriter out, JsonNode step) {
        Fields fields = new Fields();
        for (Map.Entry<String, JsonNode> field : step.properties()) {
            fields.add(field.getKey(), JsonText.field(field.getValue()));
        }
        fields.print(out);
    }

    /** A step's audit trail, newest first as the server orders it. */
    static void audit(PrintWriter out, JsonNode entries) {
        if (entries.isEmpty()) {
            out.println("no audit entries");
            return;
        }
        Table table = new Table("recorded_at", "success", "to_state", "attempt", "execution_time_ms", "detail");
        for (JsonNode entry : entries) {
            JsonNode success = entry.path("success");
            table.row(entry.path("recorded_at").asString(""),
                    success.isBoolean() ? (success.asBoolean() ? "yes" : "no") : "-",
                    JsonText.cell(entry.path("to_state")), JsonText.cell(entry.path("attempt")),
                    JsonText.cell(entry.path("execution_time_ms")), auditDetail(entry));
        }
        table.print(out);
    }

    /** Who acted and why, for operator actions; the error, for failures. */
    static String auditDetail(JsonNode entry) {
        JsonNode actor = entry.path("actor");
        if (!actor.isMissingNode() && !actor.isNull()) {
            String reason = JsonText.cell(entry.path("reason"));
            String action = entry.path("action").asString("");
            return (action.isEmpty() ? "" : action + " ") + "by " + actor.asString()
                    + (reason.equals("-") || reason.isBlank() ? "" : ": " + reason);
        }
        JsonNode error = entry.path("error");
        if (error.isObject()) {
            String type = error.path("type").asString("");
            String message = error.path("message").asString("");
            return type.isEmpty() ? message : message.isEmpty() ? type : type + ": " + message;
        }
        return JsonText.cell(error);
    }

    private static Fields summaryFields(JsonNode task) {
        return new Fields()
                .add("Task", task.path("task_uuid").asString(""))
                .add("Template", template(task))
                .add("Status", task.path("status").asString(""))
                .add("Steps", task.path("completed_steps").asLong() + "/" + task.path("total_steps").asLong()
                        + " done");
    }
}
