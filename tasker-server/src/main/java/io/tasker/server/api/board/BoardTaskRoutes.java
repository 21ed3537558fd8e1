package io.tasker.server.api.board;

import io.javalin.http.Context;
import io.tasker.board.Agent;
import io.tasker.board.Board;
import io.tasker.board.BoardTask;
import io.tasker.board.Claims;
import io.tasker.board.FileRef;
import io.tasker.board.NewTask;
import io.tasker.board.Priority;
import io.tasker.board.TaskChanges;
import io.tasker.board.TaskQuery;
import io.tasker.board.TaskStatus;
import io.tasker.json.Json;
import io.tasker.server.api.Callers;
import io.tasker.server.api.FieldException;
import io.tasker.server.api.JsonBody;
import io.tasker.server.api.Params;
import io.tasker.server.api.RouteTable;
import io.tasker.server.auth.Permission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code /v1/board/tasks}: create, list, show, update, delete, and the status changes of board tasks. */
final class BoardTaskRoutes {

    private static final Set<String> CREATE_FIELDS = Set.of("title", "description", "priority", "assignee",
            "depends_on", "files", "request_id", "role");
    private static final Set<String> UPDATE_FIELDS = Set.of("title", "description", "priority", "assignee", "status",
            "summary", "files");

    private final Board board;

    BoardTaskRoutes(Board board) {
        this.board = board;
    }

    void register(RouteTable routes) {
        routes.post("/v1/board/tasks", this::create, Permission.BOARD_WRITE);
        routes.get("/v1/board/tasks", this::list, Permission.BOARD_READ);
        routes.get("/v1/board/tasks/{id}", this::show, Permission.BOARD_READ);
        routes.patch("/v1/board/tasks/{id}", this::update, Permission.BOARD_WRITE);
        routes.delete("/v1/board/tasks/{id}", this::delete, Permission.BOARD_WRITE);
        routes.post("/v1/board/tasks/{id}/complete", this::complete, Permission.BOARD_WRITE);
        routes.post("/v1/board/tasks/{id}/cancel", this::cancel, Permission.BOARD_WRITE);
        routes.post("/v1/board/tasks/{id}/assign", this::assign, Permission.BOARD_WRITE);
        routes.post("/v1/board/tasks/{id}/claim", this::claim, Permission.BOARD_WRITE);
        routes.post("/v1/board/tasks/{id}/release", this::release, Permission.BOARD_WRITE);
        routes.post("/v1/board/tasks/{id}/heartbeat", this::heartbeat, Permission.BOARD_WRITE);
    }

    private void create(Context ctx) {
        JsonBody body = JsonBody.of(ctx, CREATE_FIELDS);
        NewTask request = new NewTask(body.requiredText("title", NewTask.MAX_TITLE),
                body.text("description", NewTask.MAX_DESCRIPTION),
                body.text("priority", 16).map(Priority::parse).orElse(Priority.MEDIUM), body.text("assignee", 128),
                body.strings("depends_on"), files(body), body.text("request_id", 128), body.text("role", 128));
        BoardTask task = board.tasks().create(BoardCallers.agent(ctx, board), request);
        ctx.status(201);
        json(ctx, BoardViews.detail(board.tasks().detail(task.orgId(), task.id())));
    }

    private void list(Context ctx) {
        TaskQuery query = new TaskQuery(Params.queryText(ctx, "status", 16).map(TaskStatus::parse),
                Params.queryText(ctx, "assignee", 128), Params.queryText(ctx, "priority", 16).map(Priority::parse),
                Params.queryInt(ctx, "limit", TaskQuery.DEFAULT_LIMIT, 1, TaskQuery.MAX_LIMIT),
                Params.queryInt(ctx, "offset", 0, 0, 1_000_000));
        List<BoardTask> tasks = board.tasks().list(Callers.of(ctx).orgId(), query);
        json(ctx, BoardViews.list("tasks", tasks, BoardViews::task));
    }

    private void show(Context ctx) {
        UUID org = Callers.of(ctx).orgId();
        String id = ctx.pathParam("id");
        ObjectNode json = BoardViews.detail(board.tasks().detail(org, id));
        if ("true".equals(ctx.queryParam("history"))) {
            ArrayNode history = json.putArray("history");
            board.audit().history(org, json.path("id").asString()).forEach(r -> history.add(BoardViews.audit(r)));
        }
        json(ctx, json);
    }

    private void update(Context ctx) {
        JsonBody body = JsonBody.of(ctx, UPDATE_FIELDS);
        TaskChanges changes = new TaskChanges(body.text("title", NewTask.MAX_TITLE),
                body.text("description", NewTask.MAX_DESCRIPTION), body.text("priority", 16).map(Priority::parse),
                body.text("assignee", 128), body.text("status", 16).map(TaskStatus::parse),
                body.text("summary", NewTask.MAX_DESCRIPTION), files(body));
        BoardTask task = board.tasks().update(BoardCallers.agent(ctx, board), ctx.pathParam("id"), changes);
        json(ctx, BoardViews.detail(board.tasks().detail(task.orgId(), task.id())));
    }

    private void delete(Context ctx) {
        Agent agent = BoardCallers.agent(ctx, board);
        board.tasks().delete(agent, ctx.pathParam("id"));
        json(ctx, Json.object().put("deleted", ctx.pathParam("id")));
    }

    private void complete(Context ctx) {
        JsonBody body = JsonBody.of(ctx, Set.of("summary"));
        json(ctx, BoardViews.task(board.transitions().complete(BoardCallers.agent(ctx, board), ctx.pathParam("id"),
                body.text("summary", NewTask.MAX_DESCRIPTION))));
    }

    private void cancel(Context ctx) {
        JsonBody body = JsonBody.of(ctx, Set.of("reason"));
        json(ctx, BoardViews.task(board.transitions().cancel(BoardCallers.agent(ctx, board), ctx.pathParam("id"),
                body.text("reason", NewTask.MAX_DESCRIPTION))));
    }

    private void assign(Context ctx) {
        JsonBody body = JsonBody.of(ctx, Set.of("assignee"));
        TaskChanges changes = new TaskChanges(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(body.requiredText("assignee", 128)), Optional.empty(), Optional.empty(), List.of());
        json(ctx, BoardViews.task(board.tasks().update(BoardCallers.agent(ctx, board), ctx.pathParam("id"), changes)));
    }

    private void claim(Context ctx) {
        JsonBody body = JsonBody.of(ctx, Set.of("ttl_seconds"));
        json(ctx, BoardViews.task(board.claims().claim(BoardCallers.agent(ctx, board), ctx.pathParam("id"),
                ttl(body))));
    }

    private void release(Context ctx) {
        JsonBody.of(ctx, Set.of());
        json(ctx, BoardViews.task(board.transitions().release(BoardCallers.agent(ctx, board), ctx.pathParam("id"))));
    }

    private void heartbeat(Context ctx) {
        JsonBody body = JsonBody.of(ctx, Set.of("ttl_seconds"));
        json(ctx, BoardViews.task(board.claims().heartbeat(BoardCallers.agent(ctx, board), ctx.pathParam("id"),
                ttl(body))));
    }

    private static Duration ttl(JsonBody body) {
        return body.integer("ttl_seconds", (int) Claims.MIN_TTL.toSeconds(), (int) Claims.MAX_TTL.toSeconds())
                .map(Duration::ofSeconds).orElse(Claims.DEFAULT_TTL);
    }

    /** {@code files}: each a spec ({@code src/A.java:10-40}) or {@code {"spec": ..., "context": ...}}. */
    private static List<FileRef> files(JsonBody body) {
        List<FileRef> files = new ArrayList<>();
        Optional<JsonNode> list = body.any("files");
        if (list.isEmpty()) {
            return files;
        }
        if (!list.get().isArray()) {
            throw new FieldException("files", "must be a list of file references");
        }
        for (JsonNode item : list.get()) {
            if (item.isString()) {
                files.add(FileRef.parse(item.asString()));
            } else if (item.isObject() && item.path("spec").isString()) {
                files.add(FileRef.parse(item.path("spec").asString())
                        .withContext(Optional.ofNullable(item.path("context").asString(null))));
            } else {
                throw new FieldException("files", "each is \"path[:first[-last]]\" or {\"spec\": ..., \"context\": ...}");
            }
        }
        return files;
    }

    static void json(Context ctx, JsonNode json) {
        ctx.contentType("application/json").result(Json.write(json));
    }
}
