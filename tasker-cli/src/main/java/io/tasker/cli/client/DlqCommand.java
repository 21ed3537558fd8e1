package io.tasker.cli.client;

import io.tasker.json.Json;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code tasker dlq ...}: the dead letter queue of a running server. */
@Command(name = "dlq", mixinStandardHelpOptions = true,
        description = "The dead letter queue on a running Tasker server: list, get, update, stats, queue, staleness, "
                + "send, detect.",
        subcommands = {DlqCommand.ListEntries.class, DlqCommand.Get.class, DlqCommand.Update.class,
                DlqCommand.Stats.class, DlqCommand.Queue.class, DlqCommand.Staleness.class, DlqCommand.Send.class,
                DlqCommand.Detect.class})
public final class DlqCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List entries, newest first.")
    static final class ListEntries extends ClientCommand {
        @Option(names = "--status", paramLabel = "S",
                description = "pending, manually_resolved, permanently_failed or cancelled.")
        String status;
        @Option(names = "--reason", paramLabel = "R", description = "staleness_timeout, max_retries_exceeded, "
                + "permanent_failure, dependency_cycle_detected, worker_unavailable or manual_dlq.")
        String reason;
        @Option(names = "--namespace", paramLabel = "NS", description = "Only tasks of this namespace.")
        String namespace;
        @Option(names = "--page", paramLabel = "N", defaultValue = "1", description = "Page (default: ${DEFAULT-VALUE}).")
        int page;
        @Option(names = "--per-page", paramLabel = "N", defaultValue = "25",
                description = "Entries per page, at most 100 (default: ${DEFAULT-VALUE}).")
        int perPage;

        @Override
        int execute(TaskerClient api) {
            Map<String, Object> query = new LinkedHashMap<>();
            query.put("status", status);
            query.put("reason", reason);
            query.put("namespace", namespace);
            query.put("page", page);
            query.put("per_page", perPage);
            JsonNode answer = api.get(TaskerClient.withQuery("/v1/dlq", query));
            return print(answer, out -> {
                Table table = new Table("entry", "task", "template", "reason", "status", "since");
                answer.path("entries").forEach(e -> table.row(e.path("dlq_entry_uuid").asString(""),
                        e.path("task_uuid").asString(""), template(e), e.path("dlq_reason").asString(""),
                        e.path("resolution_status").asString(""), e.path("dlq_timestamp").asString("")));
                JsonNode pagination = answer.path("pagination");
                if (!answer.path("entries").isEmpty()) {
                    table.print(out);
                }
                out.printf("%d entr%s (page %d of %d)%n", pagination.path("total_count").asLong(),
                        pagination.path("total_count").asLong() == 1 ? "y" : "ies", pagination.path("page").asInt(),
                        Math.max(1, pagination.path("total_pages").asInt()));
            });
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true,
            description = "Show an entry with the task as it was when the entry opened.")
    static final class Get extends ClientCommand {
        @Parameters(index = "0", paramLabel = "UUID", converter = UuidConverter.class,
                description = "The entry, or with --task the task whose latest entry to show.")
        UUID uuid;
        @Option(names = "--task", description = "UUID is a task: show its latest entry.")
        boolean task;

        @Override
        int execute(TaskerClient api) {
            JsonNode entry = api.get(task ? "/v1/dlq/task/" + uuid : "/v1/dlq/entry/" + uuid);
            return print(entry, out -> printEntry(out, entry, true));
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true,
            description = "Resolve an entry (recorded in the caller's name) or add notes to it. Repair the task "
                    + "first with `tasker task reset-step|resolve-step|complete-step`.")
    static final class Update extends ClientCommand {
        @Parameters(index = "0", paramLabel = "ENTRY_UUID", converter = UuidConverter.class)
        UUID entry;
        @Option(names = "--status", paramLabel = "S", required = true,
                description = "manually_resolved, permanently_failed, cancelled, or pending (notes only).")
        String status;
        @Option(names = "--notes", paramLabel = "TEXT", description = "What was done, for the record.")
        String notes;
        @Option(names = "--metadata", paramLabel = "JSON", description = "Facts to merge into the entry's metadata.")
        String metadata;
        @Option(names = "--by", paramLabel = "NAME",
                description = "Who resolved it, when the server has no authentication (else the caller).")
        String by;

        @Override
        int execute(TaskerClient api) {
            ObjectNode request = Json.object();
            request.put("resolution_status", status);
            if (notes != null) {
                request.put("resolution_notes", notes);
            }
            if (metadata != null) {
                request.set("metadata", JsonText.parseOption("--metadata", metadata));
            }
            if (by != null) {
                request.put("resolved_by", by);
            }
            JsonNode updated = api.patch("/v1/dlq/entry/" + entry, request);
            return print(updated, out -> out.printf("entry %s is now %s%s%n", entry,
                    updated.path("resolution_status").asString(""),
                    updated.path("resolved_by").isNull() ? "" : " (by " + updated.path("resolved_by").asString()
                            + ")"));
        }
    }

    @Command(name = "stats", mixinStandardHelpOptions = true, description = "Entries per reason and status.")
    static final class Stats extends ClientCommand {
        @Override
        int execute(TaskerClient api) {
            JsonNode stats = api.get("/v1/dlq/stats");
            return print(stats, out -> {
                new Fields().add("Entries", stats.path("total_entries").asLong())
                        .add("Pending", stats.path("pending").asLong())
                        .add("Oldest pending", JsonText.cell(stats.path("oldest_pending_at")))
                        .print(out);
                if (!stats.path("by_reason").isEmpty()) {
                    out.println();
                    Table table = new Table("reason", "total", "pending", "resolved", "failed", "cancelled",
                            "avg_resolution_min");
                    stats.path("by_reason").forEach(r -> table.row(r.path("dlq_reason").asString(""),
                            r.path("total_entries").asLong(), r.path("pending").asLong(),
                            r.path("manually_resolved").asLong(), r.path("permanently_failed").asLong(),
                            r.path("cancelled").asLong(), JsonText.cell(r.path("avg_resolution_minutes"))));
                    table.print(out);
                }
            });
        }
    }

    @Command(name = "queue", mixinStandardHelpOptions = true,
            description = "Pending entries in the order to look at them: highest task priority, then oldest.")
    static final class Queue extends ClientCommand {
        @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "At most N (default: ${DEFAULT-VALUE}).")
        int limit;

        @Override
        int execute(TaskerClient api) {
            JsonNode queue = api.get(TaskerClient.withQuery("/v1/dlq/investigation-queue", Map.of("limit", limit)));
            return print(queue, out -> {
                Table table = new Table("entry", "task", "template", "reason", "priority", "minutes_in_dlq");
                queue.forEach(e -> table.row(e.path("dlq_entry_uuid").asString(""), e.path("task_uuid").asString(""),
                        template(e), e.path("dlq_reason").asString(""), e.path("priority").asInt(),
                        JsonText.cell(e.path("minutes_in_dlq"))));
                if (!queue.isEmpty()) {
                    table.print(out);
                }
                out.printf("%d pending entr%s%n", queue.size(), queue.size() == 1 ? "y" : "ies");
            });
        }
    }

    @Command(name = "staleness", mixinStandardHelpOptions = true,
            description = "Unfinished tasks against their staleness limits, stalest first.")
    static final class Staleness extends ClientCommand {
        @Option(names = "--health", paramLabel = "H", description = "Only healthy, warning or stale tasks.")
        String health;
        @Option(names = "--limit", paramLabel = "N", defaultValue = "100", description = "At most N (default: ${DEFAULT-VALUE}).")
        int limit;

        @Override
        int execute(TaskerClient api) {
            Map<String, Object> query = new LinkedHashMap<>();
            query.put("health", health);
            query.put("limit", limit);
            JsonNode tasks = api.get(TaskerClient.withQuery("/v1/dlq/staleness", query));
            return print(tasks, out -> {
                Table table = new Table("task", "template", "state", "minutes", "limit", "percent", "health");
                tasks.forEach(t -> table.row(t.path("task_uuid").asString(""), template(t),
                        t.path("current_state").asString(""), JsonText.cell(t.path("minutes_in_state")),
                        t.path("threshold_minutes").asInt(), JsonText.cell(t.path("staleness_percent")),
                        t.path("health").asString("")));
                if (!tasks.isEmpty()) {
                    table.print(out);
                }
                out.printf("%d task%s%n", tasks.size(), tasks.size() == 1 ? "" : "s");
            });
        }
    }

    @Command(name = "send", mixinStandardHelpOptions = true,
            description = "Send a task to the dead letter queue by hand (manual_dlq); the task goes on as it was.")
    static final class Send extends ClientCommand {
        @Parameters(index = "0", paramLabel = "TASK_UUID", converter = UuidConverter.class)
        UUID task;
        @Option(names = "--notes", paramLabel = "TEXT", description = "Why.")
        String notes;

        @Override
        int execute(TaskerClient api) {
            ObjectNode request = Json.object();
            request.put("task_uuid", task.toString());
            if (notes != null) {
                request.put("notes", notes);
            }
            JsonNode entry = api.post("/v1/dlq", request);
            return print(entry, out -> printEntry(out, entry, false));
        }
    }

    @Command(name = "detect", mixinStandardHelpOptions = true,
            description = "Look for stale tasks now. Without --apply it only reports what it would do.")
    static final class Detect extends ClientCommand {
        @Option(names = "--apply", description = "Open the entries and apply each template's staleness_action.")
        boolean apply;

        @Override
        int execute(TaskerClient api) {
            ObjectNode request = Json.object();
            request.put("dry_run", !apply);
            JsonNode round = api.post("/v1/dlq/staleness/detect", request);
            return print(round, out -> {
                Table table = new Table("task", "template", "state", "reason", "action", "applied");
                round.path("findings").forEach(f -> table.row(f.path("task").path("task_uuid").asString(""),
                        template(f.path("task")), f.path("task").path("current_state").asString(""),
                        f.path("dlq_reason").asString(""), f.path("action").asString(""),
                        f.path("applied").asBoolean() ? "yes" : "no"));
                if (!round.path("findings").isEmpty()) {
                    table.print(out);
                }
                out.printf("%d stale task%s%s%n", round.path("findings").size(),
                        round.path("findings").size() == 1 ? "" : "s", apply ? "" : " (dry run: nothing changed)");
            });
        }
    }

    static String template(JsonNode json) {
        return json.path("namespace").asString("") + "/" + json.path("task_name").asString("") + "@"
                + json.path("task_version").asString("");
    }

    static void printEntry(PrintWriter out, JsonNode entry, boolean snapshot) {
        new Fields().add("Entry", entry.path("dlq_entry_uuid").asString(""))
                .add("Task", entry.path("task_uuid").asString("") + " (" + template(entry) + ")")
                .add("Reason", entry.path("dlq_reason").asString(""))
                .add("Status", entry.path("resolution_status").asString(""))
                .add("Task state then", entry.path("original_state").asString(""))
                .add("Since", entry.path("dlq_timestamp").asString(""))
                .add("Resolved", JsonText.cell(entry.path("resolution_timestamp")))
                .add("Resolved by", JsonText.cell(entry.path("resolved_by")))
                .add("Notes", JsonText.cell(entry.path("resolution_notes")))
                .add("Metadata", JsonText.field(entry.path("metadata")))
                .print(out);
        JsonNode steps = entry.path("task_snapshot").path("steps");
        if (snapshot && !steps.isEmpty()) {
            out.println();
            Table table = new Table("step", "state", "attempts", "last_transition", "result_or_error");
            steps.forEach(s -> table.row(s.path("name").asString(""), s.path("state").asString(""),
                    s.path("attempts").asInt() + "/" + s.path("max_attempts").asInt(),
                    s.path("last_transition").path("to_state").asString("-"), JsonText.cell(s.path("results"))));
            table.print(out);
        }
    }
}
