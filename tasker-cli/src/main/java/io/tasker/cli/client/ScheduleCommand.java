package io.tasker.cli.client;

import io.tasker.cli.ExitCodes;
import io.tasker.json.Json;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code tasker schedule ...}: cron schedules of templates on a running server. */
@Command(name = "schedule", mixinStandardHelpOptions = true,
        description = "Cron schedules of templates: each tick starts one task, once across every server.",
        subcommands = {ScheduleCommand.Create.class, ScheduleCommand.ListSchedules.class, ScheduleCommand.Get.class,
                ScheduleCommand.Pause.class, ScheduleCommand.Resume.class, ScheduleCommand.Delete.class})
public final class ScheduleCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static String path(UUID schedule) {
        return "/v1/schedules/" + schedule;
    }

    static void details(PrintWriter out, JsonNode s) {
        new Fields().add("Schedule", s.path("schedule_uuid").asString(""))
                .add("Template", s.path("namespace").asString("") + "/" + s.path("name").asString("")
                        + (s.path("version").isString() ? "@" + s.path("version").asString() : " (highest version)"))
                .add("Cron", s.path("cron").asString("") + " (" + s.path("cron_description").asString("") + ", "
                        + s.path("timezone").asString("") + ")")
                .add("Overlap", s.path("overlap").asString(""))
                .add("Catch up", s.path("catch_up").asString(""))
                .add("Paused", s.path("paused").asBoolean() ? "yes" : "no")
                .add("Next tick", JsonText.cell(s.path("next_tick_at")))
                .add("Last task", JsonText.cell(s.path("last_task_uuid")))
                .print(out);
        if (s.path("recent_ticks").size() > 0) {
            Table ticks = new Table("tick_at", "outcome", "task_uuid", "error");
            s.path("recent_ticks").forEach(t -> ticks.row(t.path("tick_at").asString(""),
                    t.path("outcome").asString(""), JsonText.cell(t.path("task_uuid")), JsonText.cell(t.path("error"))));
            ticks.print(out);
        }
    }

    @Command(name = "create", description = "Create a schedule: every tick of CRON starts a task of the template.")
    static final class Create extends ClientCommand {
        @Mixin
        TemplateInput template;
        @Option(names = "--cron", paramLabel = "CRON", required = true,
                description = "5-field Unix cron (\"*/15 * * * *\") or @hourly, @daily, @weekly ...")
        String cron;
        @Option(names = "--timezone", paramLabel = "ZONE", description = "IANA zone the cron is read in (default: UTC).")
        String timezone;
        @Option(names = "--overlap", paramLabel = "P",
                description = "When the previous run is unfinished: skip (default), allow or cancel_previous.")
        String overlap;
        @Option(names = "--catch-up", paramLabel = "P",
                description = "Ticks missed while no server ran: none, last (default) or all.")
        String catchUp;

        @Override
        int execute(TaskerClient api) {
            ObjectNode body = Json.object();
            template.putInto(body);
            body.put("cron", cron);
            put(body, "timezone", timezone);
            put(body, "overlap", overlap);
            put(body, "catch_up", catchUp);
            JsonNode created = api.post("/v1/schedules", body);
            return print(created, out -> details(out, created));
        }

        private static void put(ObjectNode body, String field, String value) {
            if (value != null) {
                body.put(field, value);
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the schedules.")
    static final class ListSchedules extends ClientCommand {
        @Option(names = "--namespace", paramLabel = "NS", description = "Only schedules of this namespace.")
        String namespace;
        @Option(names = "--name", paramLabel = "NAME", description = "Only schedules of this template name.")
        String name;

        @Override
        int execute(TaskerClient api) {
            Map<String, Object> query = new LinkedHashMap<>();
            query.put("namespace", namespace);
            query.put("name", name);
            JsonNode answer = api.get(TaskerClient.withQuery("/v1/schedules", query));
            return print(answer, out -> {
                if (answer.path("schedules").isEmpty()) {
                    out.println("no schedules");
                    return;
                }
                Table table = new Table("schedule_uuid", "template", "cron", "timezone", "paused", "next_tick_at");
                answer.path("schedules").forEach(s -> table.row(s.path("schedule_uuid").asString(""),
                        s.path("namespace").asString("") + "/" + s.path("name").asString(""),
                        s.path("cron").asString(""), s.path("timezone").asString(""),
                        s.path("paused").asBoolean() ? "yes" : "no", JsonText.cell(s.path("next_tick_at"))));
                table.print(out);
            });
        }
    }

    abstract static class OnSchedule extends ClientCommand {
        @Parameters(paramLabel = "SCHEDULE_UUID", description = "The schedule.", converter = UuidConverter.class)
        UUID schedule;
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Show a schedule and its recent ticks.")
    static final class Get extends OnSchedule {
        @Override
        int execute(TaskerClient api) {
            JsonNode found = api.get(path(schedule));
            return print(found, out -> details(out, found));
        }
    }

    @Command(name = "pause", mixinStandardHelpOptions = true, description = "Pause a schedule.")
    static final class Pause extends OnSchedule {
        @Override
        int execute(TaskerClient api) {
            JsonNode paused = api.post(path(schedule) + "/pause", Json.object());
            return print(paused, out -> details(out, paused));
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, description = "Resume a paused schedule.")
    static final class Resume extends OnSchedule {
        @Override
        int execute(TaskerClient api) {
            JsonNode resumed = api.post(path(schedule) + "/resume", Json.object());
            return print(resumed, out -> details(out, resumed));
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Delete a schedule (the tasks it started stay).")
    static final class Delete extends OnSchedule {
        @Override
        int execute(TaskerClient api) {
            TaskerClient.Reply reply = api.exchange("DELETE", path(schedule), null, null);
            if (!reply.ok()) {
                throw api.failure(reply);
            }
            JsonNode answer = Json.object().put("schedule_uuid", schedule.toString()).put("deleted", true);
            print(answer, out -> out.printf("Deleted schedule %s%n", schedule));
            return ExitCodes.OK;
        }
    }
}
