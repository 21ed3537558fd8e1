package io.tasker.server.api;

import io.javalin.http.Context;
import io.tasker.Tasker;
import io.tasker.json.Json;
import io.tasker.server.auth.Permission;
import io.tasker.task.TaskDetail;
import io.tasker.task.TaskFilter;
import io.tasker.task.TaskRequest;
import io.tasker.template.TemplateValidator;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.UUID;

/** {@code /v1/tasks}: create (now or later, with a completion webhook), list, get (or wait for the end), cancel. */
public final class TaskRoutes {

    private static final Set<String> CREATE_FIELDS = Set.of("namespace", "name", "version", "context", "initiator",
            "source_system", "reason", "tags", "priority", "correlation_id", "parent_correlation_id",
            "idempotency_key", "requested_at", "run_at", "delay", "on_complete");
    private static final Set<String> ON_COMPLETE_FIELDS = Set.of("url");
    /** The longest a GET may wait for a task to end ({@code ?wait=}). */
    public static final Duration MAX_WAIT = Duration.ofSeconds(60);
    /** The furthest ahead a task may be created to start. */
    public static final Duration MAX_DELAY = Duration.ofDays(366);

    private final Tasker tasker;
    private final Tenants tenants;

    public TaskRoutes(Tasker tasker, Tenants tenants) {
        this.tasker = tasker;
        this.tenants = tenants;
    }

    public void register(RouteTable routes) {
        routes.post("/v1/tasks", this::create, Permission.TASKS_CREATE);
        routes.get("/v1/tasks", this::list, Permission.TASKS_READ);
        routes.get("/v1/tasks/{task_uuid}", this::get, Permission.TASKS_READ);
        routes.delete("/v1/tasks/{task_uuid}", this::cancel, Permission.TASKS_CANCEL);
    }

    private void create(Context ctx) {
        JsonBody body = JsonBody.of(ctx, CREATE_FIELDS);
        String namespace = body.requiredText("namespace", 64);
        tenants.requireNamespace(ctx, namespace);
        TaskRequest.Builder request = TaskRequest.of(namespace, body.requiredText("name", 64));
        body.text("version", 32).ifPresent(request::version);
        if (body.has("context")) {
            request.context(body.object("context").orElseThrow());
        }
        // Who started the task: the caller's user id unless the request names someone.
        request.initiator(body.text("initiator", 128).filter(s -> !s.isBlank()).orElse(Callers.of(ctx).actor()));
        body.text("source_system", 128).ifPresent(request::sourceSystem);
        body.text("reason", 128).ifPresent(request::reason);
        if (body.has("tags")) {
            request.tags(body.strings("tags"));
        }
        body.integer("priority", -100, 100).ifPresent(request::priority);
        body.uuid("correlation_id").ifPresent(request::correlationId);
        body.uuid("parent_correlation_id").ifPresent(request::parentCorrelationId);
        body.text("idempotency_key", 255).ifPresent(request::idempotencyKey);
        startLater(body, request);
        if (body.has("on_complete")) {
            JsonBody onComplete = body.nested("on_complete", ON_COMPLETE_FIELDS);
            request.onComplete(onComplete.requiredText("url", 2048));
        }
        // 201 from the rows the creation transaction wrote: the same shape as GET, one transaction, no read-back.
        TaskDetail created = tasker.creation().createDescribed(request.build());
        ctx.status(201);
        ctx.contentType("application/json").result(Json.write(Views.taskDetail(created.task(), created.context(),
                created.steps())));
    }

    /** {@code run_at} (an instant) or {@code delay} (a duration from now), not both. */
    private void startLater(JsonBody body, TaskRequest.Builder request) {
        if (body.has("run_at") && body.has("delay")) {
            throw new FieldException("delay", "give run_at or delay, not both");
        }
        body.text("run_at", 64).ifPresent(text -> {
            try {
                request.runAt(Instant.parse(text));
            } catch (DateTimeParseException e) {
                throw new FieldException("run_at", "must be an ISO-8601 instant such as 2026-12-01T09:00:00Z");
            }
        });
        body.text("delay", 32).ifPresent(text -> request.runAt(tasker.clock().instant()
                .plus(Params.duration("delay", text, MAX_DELAY))));
    }

    private void list(Context ctx) {
        int page = Params.queryInt(ctx, "page", 1, 1, 1_000_000);
        int perPage = Params.queryInt(ctx, "per_page", 25, 1, 100);
        TaskFilter filter = new TaskFilter(
                Params.query(ctx, "namespace", TemplateValidator.NAMESPACE, "a namespace name (a-z, 0-9, _)"),
                Params.query(ctx, "name", TemplateValidator.NAME, "a template name"),
                Params.queryTaskState(ctx, "status"),
                Params.queryText(ctx, "initiator", 128),
                Params.queryText(ctx, "source_system", 128),
                Params.queryUuid(ctx, "correlation_id")).inOrg(tenants.org(ctx))
                .createdBetween(Params.queryInstant(ctx, "created_from"), Params.queryInstant(ctx, "created_to"));
        ctx.contentType("application/json").result(Json.write(Views.taskPage(tasker.queries().list(filter, page, perPage))));
    }

    /** With {@code ?wait=30s}: answers when the task has ended or the wait is over (woken by NOTIFY, not polling). */
    private void get(Context ctx) {
        UUID task = Params.uuid(ctx, "task_uuid");
        tenants.requireTask(ctx, task);
        String wait = ctx.queryParam("wait");
        if (wait != null && !wait.isEmpty()) {
            Duration timeout = Params.duration("wait", wait, MAX_WAIT);
            if (!timeout.isZero()) {
                tasker.awaitCompletion(task, timeout);
            }
        }
        respond(ctx, task);
    }

    private void cancel(Context ctx) {
        UUID task = Params.uuid(ctx, "task_uuid");
        tenants.requireTask(ctx, task);
        tasker.cancel(task, "cancelled through the API", Callers.of(ctx).actor());
        respond(ctx, task);
    }

    private void respond(Context ctx, UUID taskUuid) {
        var queries = tasker.queries();
        ctx.contentType("application/json").result(Json.write(Views.taskDetail(queries.task(taskUuid),
                queries.executionContext(taskUuid), queries.steps(taskUuid))));
    }
}
