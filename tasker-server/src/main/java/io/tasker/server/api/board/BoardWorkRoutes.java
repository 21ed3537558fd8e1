package io.tasker.server.api.board;

import static io.tasker.server.api.board.BoardTaskRoutes.json;

import io.javalin.http.Context;
import io.tasker.board.Agent;
import io.tasker.board.Board;
import io.tasker.board.ContextLog;
import io.tasker.board.ContextType;
import io.tasker.server.api.Callers;
import io.tasker.server.api.FieldException;
import io.tasker.server.api.JsonBody;
import io.tasker.server.api.Params;
import io.tasker.server.api.RouteTable;
import io.tasker.server.auth.Permission;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /v1/board/...}: ready work, counts, export, dependencies, context, file conflicts, participation and
 * notifications.
 */
final class BoardWorkRoutes {

    private static final int MAX_TAKE = 500;

    private final Board board;

    BoardWorkRoutes(Board board) {
        this.board = board;
    }

    void register(RouteTable routes) {
        routes.get("/v1/board/ready", this::ready, Permission.BOARD_READ);
        routes.get("/v1/board/stats", this::stats, Permission.BOARD_READ);
        routes.get("/v1/board/export", this::export, Permission.BOARD_READ);
        routes.post("/v1/board/tasks/{id}/dependencies", this::addDependency, Permission.BOARD_WRITE);
        routes.delete("/v1/board/tasks/{id}/dependencies/{depends_on}", this::removeDependency, Permission.BOARD_WRITE);
        routes.get("/v1/board/tasks/{id}/dependencies", this::tree, Permission.BOARD_READ);
        routes.post("/v1/board/tasks/{id}/context", this::writeContext, Permission.BOARD_WRITE);
        routes.get("/v1/board/tasks/{id}/context", this::readContext, Permission.BOARD_READ);
        routes.get("/v1/board/tasks/{id}/conflicts", this::conflicts, Permission.BOARD_READ);
        routes.post("/v1/board/tasks/{id}/join", this::join, Permission.BOARD_WRITE);
        routes.get("/v1/board/notifications", this::peek, Permission.BOARD_READ);
        routes.post("/v1/board/notifications/take", this::take, Permission.BOARD_READ);
    }

    private void ready(Context ctx) {
        Agent agent = BoardCallers.agent(ctx, board);
        boolean claimable = "true".equals(ctx.queryParam("claimable"));
        json(ctx, BoardViews.list("tasks", board.ready().list(agent.orgId(),
                Params.queryInt(ctx, "limit", 50, 1, 1000), claimable ? Optional.of(agent) : Optional.empty()),
                BoardViews::task));
    }

    private void stats(Context ctx) {
        json(ctx, BoardViews.stats(board.ready().stats(BoardCallers.agent(ctx, board))));
    }

    private void export(Context ctx) {
        json(ctx, BoardViews.export(board.export(BoardCallers.agent(ctx, board))));
    }

    private void addDependency(Context ctx) {
        JsonBody body = JsonBody.of(ctx, Set.of("depends_on"));
        json(ctx, BoardViews.task(board.dependencies().add(BoardCallers.agent(ctx, board), ctx.pathParam("id"),
                body.requiredText("depends_on", 64))));
    }

    private void removeDependency(Context ctx) {
        json(ctx, BoardViews.task(board.dependencies().remove(BoardCallers.agent(ctx, board), ctx.pathParam("id"),
                ctx.pathParam("depends_on"))));
    }

    private void tree(Context ctx) {
        json(ctx, BoardViews.tree(board.dependencies().tree(Callers.of(ctx).orgId(), ctx.pathParam("id"),
                "true".equals(ctx.queryParam("reverse")))));
    }

    private void writeContext(Context ctx) {
        JsonBody body = JsonBody.of(ctx, Set.of("type", "content", "request_id"));
        ContextType type = switch (body.text("type", 16).orElse("shared")) {
            case "shared" -> ContextType.SHARED;
            case "private" -> ContextType.PRIVATE;
            case "discovery" -> ContextType.DISCOVERY;
            default -> throw new FieldException("type", "must be shared, private or discovery");
        };
        ctx.status(201);
        json(ctx, BoardViews.context(board.context().write(BoardCallers.agent(ctx, board), ctx.pathParam("id"), type,
                body.requiredText("content", ContextLog.MAX_CONTENT), body.text("request_id", 128))));
    }

    private void readContext(Context ctx) {
        json(ctx, BoardViews.list("entries", board.context().read(BoardCallers.agent(ctx, board), ctx.pathParam("id")),
                BoardViews::context));
    }

    private void conflicts(Context ctx) {
        String id = ctx.pathParam("id");
        var org = Callers.of(ctx).orgId();
        json(ctx, BoardViews.list("conflicts", board.files().conflicts(org, board.tasks().get(org, id).id()),
                BoardViews::conflict));
    }

    private void join(Context ctx) {
        JsonBody.of(ctx, Set.of());
        json(ctx, BoardViews.detail(board.tasks().join(BoardCallers.agent(ctx, board), ctx.pathParam("id"))));
    }

    private void peek(Context ctx) {
        Agent agent = BoardCallers.agent(ctx, board);
        var json = BoardViews.list("notifications", board.inbox().peek(agent,
                Params.queryInt(ctx, "limit", 50, 1, MAX_TAKE)), BoardViews::notification);
        json.put("unread", board.inbox().unread(agent));
        json(ctx, json);
    }

    private void take(Context ctx) {
        JsonBody body = JsonBody.of(ctx, Set.of("limit"));
        Agent agent = BoardCallers.agent(ctx, board);
        board.claims().expireDue(agent.orgId());
        var json = BoardViews.list("notifications", board.inbox().take(agent,
                body.integer("limit", 1, MAX_TAKE).orElse(10)), BoardViews::notification);
        json.put("unread", board.inbox().unread(agent));
        json(ctx, json);
    }
}
