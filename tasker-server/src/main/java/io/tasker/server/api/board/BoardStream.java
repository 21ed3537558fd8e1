package io.tasker.server.api.board;

import io.javalin.http.Context;
import io.tasker.board.Agent;
import io.tasker.board.Board;
import io.tasker.board.Notification;
import io.tasker.board.NotificationFeed;
import io.tasker.json.Json;
import io.tasker.server.api.RouteTable;
import io.tasker.server.auth.Permission;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /v1/board/notifications/stream}: the caller's notifications as Server-Sent Events, first the unread
 * ones, then each new one as it is written (woken by the board's LISTEN connection). Each is marked read once it
 * has been written and flushed to the client. A comment line every {@link #KEEP_ALIVE} keeps proxies from closing
 * an idle stream and tells the server when the client has gone.
 */
final class BoardStream {

    private static final Logger log = LoggerFactory.getLogger(BoardStream.class);
    static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    private static final int BATCH = 100;

    private final Board board;
    private final NotificationFeed feed;

    BoardStream(Board board, NotificationFeed feed) {
        this.board = board;
        this.feed = feed;
    }

    void register(RouteTable routes) {
        routes.get("/v1/board/notifications/stream", this::stream, Permission.BOARD_READ);
    }

    private void stream(Context ctx) throws IOException {
        Agent agent = BoardCallers.agent(ctx, board);
        ctx.status(200);
        ctx.res().setContentType("text/event-stream");
        ctx.res().setCharacterEncoding("UTF-8");
        ctx.res().setHeader("Cache-Control", "no-cache");
        ctx.res().setHeader("X-Accel-Buffering", "no");
        OutputStream out = ctx.res().getOutputStream();
        try (NotificationFeed.Subscription wakeUps = feed.subscribe(agent.orgId())) {
            write(out, ": notifications of " + agent.name() + "\n\n");
            while (!feed.isClosed()) {
                board.claims().expireDue(agent.orgId());
                List<Notification> batch = board.inbox().peek(agent, BATCH);
                for (Notification notification : batch) {
                    write(out, "id: " + notification.id() + "\nevent: notification\ndata: "
                            + Json.write(BoardViews.notification(notification)) + "\n\n");
                }
                board.inbox().markRead(agent, batch.stream().map(Notification::id).toList());
                if (batch.size() == BATCH) {
                    continue;
                }
                if (!wakeUps.await(KEEP_ALIVE)) {
                    write(out, ": keep-alive\n\n");
                }
            }
        } catch (IOException gone) {
            log.debug("Notification stream of {} ended: {}", agent.name(), gone.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
