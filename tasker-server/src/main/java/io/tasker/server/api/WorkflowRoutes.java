package io.tasker.server.api;

import io.javalin.http.Context;
import io.tasker.Tasker;
import io.tasker.json.Json;
import io.tasker.json.JsonFormatException;
import io.tasker.park.ParkedStep;
import io.tasker.park.WakeResult;
import io.tasker.server.auth.Permission;
import io.tasker.signal.Signals;
import io.tasker.task.CreatedTask;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a running or ended task is told or asked: signals ({@code POST /v1/tasks/{uuid}/signals/{name}} delivers a
 * JSON payload to the task's {@code signal} step of that name, kept until the step is reached) and re-runs
 * ({@code POST /v1/tasks/{uuid}/rerun}: a new task with the same template and input).
 */
public final class WorkflowRoutes {

    private static final Set<String> RERUN_FIELDS = Set.of("idempotency_key");

    private final Tasker tasker;
    private final Tenants tenants;

    public WorkflowRoutes(Tasker tasker, Tenants tenants) {
        this.tasker = tasker;
        this.tenants = tenants;
    }

    public void register(RouteTable routes) {
        routes.post("/v1/tasks/{task_uuid}/signals/{signal_name}", this::signal, Permission.TASKS_SIGNAL);
        routes.get("/v1/tasks/{task_uuid}/signals", this::signals, Permission.TASKS_READ);
        routes.post("/v1/tasks/{task_uuid}/rerun", this::rerun, Permission.TASKS_CREATE);
    }

    /** 202 with what became of it: woke (a step waited), kept (none yet), duplicate, task_finished (409). */
    private void signal(Context ctx) {
        UUID task = Params.uuid(ctx, "task_uuid");
        tenants.requireTask(ctx, task);
        String name = Signals.checkName(ctx.pathParam("signal_name"));
        JsonNode payload = payload(ctx);
        WakeResult result = tasker.signals().send(task, name, payload);
        String status = result.status().name().toLowerCase(java.util.Locale.ROOT);
        if (result.status() == WakeResult.Status.TASK_FINISHED) {
            throw new ApiException(409, "conflict", "task " + task + " has ended; the signal was not kept");
        }
        ObjectNode json = Json.object().put("task_uuid", task.toString()).put("signal", name).put("status", status);
        ctx.status(202).contentType("application/json").result(Json.write(json));
    }

    private void signals(Context ctx) {
        UUID task = Params.uuid(ctx, "task_uuid");
        tenants.requireTask(ctx, task);
        tasker.tasks().get(task);
        ObjectNode json = Json.object();
        ArrayNode received = json.putArray("received");
        tasker.signals().received(task).forEach(r -> received.addObject().put("name", r.name())
                .put("received_at", r.receivedAt().toString())
                .put("consumed_at", r.consumedAt().map(Instant::toString).orElse(null))
                .put("consumed_by_step", r.consumedByStep().map(UUID::toString).orElse(null))
                .set("payload", r.payload()));
        ArrayNode waiting = json.putArray("waiting");
        for (ParkedStep step : tasker.signals().waiting(task)) {
            waiting.addObject().put("name", step.key().key()).put("step_uuid", step.stepUuid().toString())
                    .put("timeout_at", step.deadline().map(Instant::toString).orElse(null));
        }
        ctx.contentType("application/json").result(Json.write(json));
    }

    private void rerun(Context ctx) {
        UUID task = Params.uuid(ctx, "task_uuid");
        tenants.requireTask(ctx, task);
        String body = ctx.body();
        java.util.Optional<String> key = body.isBlank() ? java.util.Optional.empty()
                : JsonBody.of(ctx, RERUN_FIELDS).text("idempotency_key", 200);
        CreatedTask created = tasker.creation().rerun(task, Callers.of(ctx).actor(), key);
        var queries = tasker.queries();
        ctx.status(201).contentType("application/json").result(Json.write(Views.taskDetail(
                queries.task(created.taskUuid()), queries.executionContext(created.taskUuid()),
                queries.steps(created.taskUuid()))));
    }

    /** The body as JSON (any value; empty means null), within the request size limit. */
    private static JsonNode payload(Context ctx) {
        String text = ctx.body();
        if (text.isBlank()) {
            return tools.jackson.databind.node.NullNode.getInstance();
        }
        JsonBody.requireJson(ctx);
        try {
            return Json.parse(text);
        } catch (JsonFormatException e) {
            throw new FieldException("body", e.getMessage());
        }
    }
}
