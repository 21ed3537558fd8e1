package io.tasker.cli.board;

import io.tasker.InvalidInputException;
import io.tasker.cli.client.Table;
import io.tasker.cli.client.TaskerClient;
import io.tasker.json.Json;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code tasker board ready | claim | release | heartbeat | join | conflicts | export}. */
final class WorkCommands {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})([smhd])");

    private WorkCommands() {
    }

    @Command(name = "ready", mixinStandardHelpOptions = true,
            description = "Ready work: pending tasks with no open dependency, critical first, then oldest.")
    static final class Ready extends BoardClientCommand {
        @Option(names = "--limit", paramLabel = "N", defaultValue = "50") int limit;
        @Option(names = "--mine", description = "Only what this agent may claim (not assigned to others).")
        boolean mine;

        @Override
        int execute(TaskerClient api) {
            Map<String, Object> query = new LinkedHashMap<>();
            query.put("limit", limit);
            query.put("claimable", mine ? "true" : null);
            JsonNode answer = api.get(TaskerClient.withQuery("/v1/board/ready", query));
            return print(answer, out -> BoardPrinter.tasks(out, answer.path("tasks")));
        }
    }

    /** Takes or renews a lease: {@code --ttl} from now. */
    abstract static class LeaseCommand extends BoardClientCommand {
        @Parameters(index = "0", paramLabel = "ID") String id;
        @Option(names = "--ttl", paramLabel = "DURATION", description = "Lease length: 90s, 15m, 2h, 1d (default 30m).")
        String ttl;

        abstract String action();

        abstract String verb();

        @Override
        int execute(TaskerClient api) {
            JsonNode task = api.post(task(id) + "/" + action(), lease(ttl));
            return print(task, out -> out.printf("%s %s until %s%n", verb(), task.path("id").asString(),
                    task.path("lease_expires_at").asString()));
        }
    }

    @Command(name = "claim", mixinStandardHelpOptions = true,
            description = "Claim a task under a lease (exit 5 naming the holder when another agent has it).")
    static final class Claim extends LeaseCommand {
        @Override
        String action() {
            return "claim";
        }

        @Override
        String verb() {
            return "Claimed";
        }
    }

    @Command(name = "heartbeat", mixinStandardHelpOptions = true, description = "Renew the lease of a claimed task.")
    static final class Heartbeat extends LeaseCommand {
        @Override
        String action() {
            return "heartbeat";
        }

        @Override
        String verb() {
            return "Holding";
        }
    }

    @Command(name = "release", mixinStandardHelpOptions = true, description = "Give a claimed task back.")
    static final class Release extends BoardClientCommand {
        @Parameters(index = "0", paramLabel = "ID") String id;

        @Override
        int execute(TaskerClient api) {
            JsonNode task = api.post(task(id) + "/release", Json.object());
            return print(task, out -> out.printf("Released %s%n", task.path("id").asString()));
        }
    }

    @Command(name = "join", mixinStandardHelpOptions = true,
            description = "Take part in a task: be told when it completes or is cancelled.")
    static final class Join extends BoardClientCommand {
        @Parameters(index = "0", paramLabel = "ID") String id;

        @Override
        int execute(TaskerClient api) {
            JsonNode task = api.post(task(id) + "/join", Json.object());
            return print(task, out -> out.printf("Joined %s%n", task.path("id").asString()));
        }
    }

    @Command(name = "conflicts", mixinStandardHelpOptions = true,
            description = "In-progress tasks whose file ranges overlap this task's.")
    static final class Conflicts extends BoardClientCommand {
        @Parameters(index = "0", paramLabel = "ID") String id;

        @Override
        int execute(TaskerClient api) {
            JsonNode answer = api.get(task(id) + "/conflicts");
            return print(answer, out -> {
                Table table = new Table("task", "claimed by", "their lines", "our lines", "title");
                answer.path("conflicts").forEach(c -> table.row(c.path("task_id").asString(),
                        BoardPrinter.text(c, "claimed_by"), c.path("theirs").path("spec").asString(),
                        c.path("ours").path("spec").asString(), c.path("title").asString()));
                if (!table.isEmpty()) {
                    table.print(out);
                }
                out.printf("%d conflict%s%n", answer.path("count").asInt(), answer.path("count").asInt() == 1 ? "" : "s");
            });
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "The whole board: Markdown, or JSON with --json.")
    static final class Export extends BoardClientCommand {
        @Override
        int execute(TaskerClient api) {
            JsonNode board = api.get("/v1/board/export");
            return print(board, out -> {
                out.println("# Board");
                board.path("tasks").forEach(t -> {
                    out.printf("%n## %s %s%n%n", t.path("id").asString(), t.path("title").asString());
                    out.printf("- status: %s, priority: %s, assignee: %s%n", t.path("status").asString(),
                            t.path("priority").asString(), BoardPrinter.text(t, "assignee"));
                    t.path("depends_on").forEach(d -> out.printf("- depends on %s (%s)%n", d.path("id").asString(),
                            d.path("status").asString()));
                    t.path("files").forEach(f -> out.printf("- file %s%n", f.path("spec").asString()));
                    t.path("context").forEach(c -> out.printf("- %s (%s): %s%n", c.path("agent").asString(),
                            c.path("type").asString(), c.path("content").asString()));
                });
            });
        }
    }

    /** {@code {"ttl_seconds": N}} for a duration such as {@code 15m}; none means the server's default. */
    static ObjectNode lease(String ttl) {
        ObjectNode body = Json.object();
        if (ttl != null) {
            body.put("ttl_seconds", parseDuration(ttl).toSeconds());
        }
        return body;
    }

    static Duration parseDuration(String text) {
        Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new InvalidInputException("--ttl: expected a duration such as 90s, 15m, 2h or 1d, got '" + text + "'");
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }
}
