package io.tasker.cli.board;

import io.tasker.cli.ExitCodes;
import io.tasker.cli.client.JsonText;
import io.tasker.cli.client.TaskerClient;
import io.tasker.json.Json;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/**
 * {@code tasker board watch}: reads this agent's unread notifications and marks exactly those read. With
 * {@code --follow} it streams them as they happen (Server-Sent Events) until interrupted or {@code --count}.
 */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = "Read your unread notifications (oldest first; marks exactly the ones shown). --follow streams"
                + " new ones as they happen.")
final class WatchCommand extends BoardClientCommand {

    @Option(names = "--limit", paramLabel = "N", defaultValue = "10", description = "At most N (default 10).")
    int limit;

    @Option(names = {"-f", "--follow"}, description = "Keep streaming new notifications.")
    boolean follow;

    @Option(names = "--count", paramLabel = "N", description = "With --follow: stop after N notifications.")
    Integer count;

    @Override
    int execute(TaskerClient api) {
        if (!follow) {
            JsonNode answer = api.post("/v1/board/notifications/take", Json.object().put("limit", limit));
            return print(answer, out -> {
                BoardPrinter.notifications(out, answer.path("notifications"));
                long unread = answer.path("unread").asLong();
                if (unread > 0) {
                    out.printf("%d more unread%n", unread);
                }
            });
        }
        AtomicInteger seen = new AtomicInteger();
        api.events("/v1/board/notifications/stream", data -> {
            JsonNode notification = Json.parse(data);
            if (json()) {
                out().println(JsonText.pretty(notification).replace("\n", " "));
                out().flush();
            } else {
                BoardPrinter.notification(out(), notification);
            }
            return count == null || seen.incrementAndGet() < count;
        });
        return ExitCodes.OK;
    }
}
