package io.tasker.server.api;

import io.javalin.http.Context;
import io.tasker.Tasker;
import io.tasker.json.Json;
import io.tasker.server.auth.Permission;
import io.tasker.task.StepAction;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code /v1/tasks/{task_uuid}/workflow_steps}: list, get, operator actions, audit trail. */
public final class StepRoutes {

    private static final Set<String> ACTION_FIELDS = Set.of("action_type", "reason", "completion_data", "reset_by",
            "resolved_by", "completed_by");
    private static final Set<String> COMPLETION_FIELDS = Set.of("result", "metadata");

    private final Tasker tasker;
    private final Tenants tenants;

    public StepRoutes(Tasker tasker, Tenants tenants) {
        this.tasker = tasker;
        this.tenants = tenants;
    }

    public void register(RouteTable routes) {
        String steps = "/v1/tasks/{task_uuid}/workflow_steps";
        routes.get(steps, this::list, Permission.TASKS_READ);
        routes.get(steps + "/{step_uuid}", this::get, Permission.TASKS_READ);
        routes.patch(steps + "/{step_uuid}", this::act, Permission.STEPS_RESOLVE);
        routes.get(steps + "/{step_uuid}/audit", this::audit, Permission.TASKS_READ);
        routes.get(steps + "/{step_uuid}/transitions", this::transitions, Permission.TASKS_READ);
    }

    private void list(Context ctx) {
        UUID task = Params.uuid(ctx, "task_uuid");
        tenants.requireTask(ctx, task);
        tasker.queries().task(task);
        ArrayNode steps = Json.MAPPER.createArrayNode();
        tasker.queries().steps(task).forEach(step -> steps.add(Views.step(step)));
        ctx.contentType("application/json").result(Json.write(steps));
    }

    private void get(Context ctx) {
        UUID task = Params.uuid(ctx, "task_uuid");
        tenants.requireTask(ctx, task);
        UUID step = Params.uuid(ctx, "step_uuid");
        ctx.contentType("application/json").result(Json.write(Views.step(tasker.queries().step(task, step))));
    }

    private void act(Context ctx) {
        UUID task = Params.uuid(ctx, "task_uuid");
        tenants.requireTask(ctx, task);
        UUID step = Params.uuid(ctx, "step_uuid");
        JsonBody body = JsonBody.of(ctx, ACTION_FIELDS);
        String reason = body.text("reason", 1000).orElse("");
        String type = body.requiredText("action_type", 64);
        String actor = Callers.actor(ctx, body, switch (type) {
            case "reset_for_retry" -> "reset_by";
            case "resolve_manually" -> "resolved_by";
            default -> "completed_by";
        });
        StepAction action = switch (type) {
            case "reset_for_retry" -> new StepAction.ResetForRetry(actor, reason);
            case "resolve_manually" -> new StepAction.ResolveManually(actor, reason);
            case "complete_manually" -> {
                ObjectNode completion = body.object("completion_data")
                        .orElseThrow(() -> new FieldException("completion_data", "is required for complete_manually"));
                completion.propertyNames().forEach(name -> {
                    if (!COMPLETION_FIELDS.contains(name)) {
                        throw new FieldException("completion_data." + name, "unknown field");
                    }
                });
                if (!completion.hasNonNull("result")) {
                    throw new FieldException("completion_data.result", "is required");
                }
                yield new StepAction.CompleteManually(actor, reason, completion.get("result"),
                        java.util.Optional.ofNullable(completion.get("metadata")));
            }
            default -> throw new FieldException("action_type",
                    "must be reset_for_retry, resolve_manually or complete_manually");
        };
        tasker.operations().apply(task, step, action);
        ctx.contentType("application/json").result(Json.write(Views.step(tasker.queries().step(task, step))));
    }

    private void audit(Context ctx) {
        UUID task = Params.uuid(ctx, "task_uuid");
        tenants.requireTask(ctx, task);
        UUID step = Params.uuid(ctx, "step_uuid");
        ArrayNode entries = Json.MAPPER.createArrayNode();
        tasker.queries().audit(task, step).forEach(entry -> entries.add(Views.audit(entry)));
        ctx.contentType("application/json").result(Json.write(entries));
    }

    private void transitions(Context ctx) {
        UUID task = Params.uuid(ctx, "task_uuid");
        tenants.requireTask(ctx, task);
        UUID step = Params.uuid(ctx, "step_uuid");
        ArrayNode transitions = Json.MAPPER.createArrayNode();
        tasker.queries().stepTransitions(task, step).forEach(row -> transitions.add(Views.stepTransition(row)));
        ctx.contentType("application/json").result(Json.write(transitions));
    }
}
