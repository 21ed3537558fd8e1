package io.tasker.server.api;

import io.javalin.http.Context;
import io.tasker.Tasker;
import io.tasker.json.Json;
import io.tasker.server.auth.Permission;
import io.tasker.store.rows.OutboxRow;
import java.time.ZoneOffset;
import java.util.UUID;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /v1/deliveries}: the outbox of completion webhooks and domain events (installation-wide, so for callers
 * of the default org): list by state, and retry a dead one.
 */
public final class DeliveryRoutes {

    private final Tasker tasker;
    private final Tenants tenants;

    public DeliveryRoutes(Tasker tasker, Tenants tenants) {
        this.tasker = tasker;
        this.tenants = tenants;
    }

    public void register(RouteTable routes) {
        routes.get("/v1/deliveries", this::list, Permission.DELIVERIES_READ);
        routes.post("/v1/deliveries/{message_uuid}/retry", this::retry, Permission.DELIVERIES_WRITE);
    }

    private void list(Context ctx) {
        tenants.requireInstallationView(ctx);
        String state = Params.query(ctx, "state", java.util.regex.Pattern.compile("pending|delivered|dead"),
                "pending, delivered or dead").orElse("dead");
        ObjectNode json = Json.object();
        ArrayNode items = json.putArray("deliveries");
        tasker.outbox().list(state, Params.queryUuid(ctx, "task_uuid"), Params.queryInt(ctx, "limit", 50, 1, 500))
                .forEach(row -> items.add(view(row)));
        ctx.contentType("application/json").result(Json.write(json));
    }

    private void retry(Context ctx) {
        tenants.requireInstallationView(ctx);
        UUID message = Params.uuid(ctx, "message_uuid");
        if (!tasker.outbox().retry(message)) {
            throw new ApiException(404, "not_found", "no dead delivery " + message);
        }
        ctx.contentType("application/json").result(Json.write(Json.object().put("message_uuid", message.toString())
                .put("state", "pending")));
    }

    private static ObjectNode view(OutboxRow row) {
        ObjectNode json = Json.object();
        json.put("message_uuid", row.messageUuid().toString());
        json.put("kind", row.kind());
        json.put("topic", row.topic());
        json.put("task_uuid", row.taskUuid() == null ? null : row.taskUuid().toString());
        json.put("step_uuid", row.workflowStepUuid() == null ? null : row.workflowStepUuid().toString());
        json.put("target_url", row.targetUrl());
        json.put("state", row.state());
        json.put("attempts", row.attempts());
        json.put("next_attempt_at", row.nextAttemptAt().toInstant(ZoneOffset.UTC).toString());
        json.put("last_error", row.lastError());
        json.put("created_at", row.createdAt().toInstant(ZoneOffset.UTC).toString());
        json.put("delivered_at", row.deliveredAt() == null ? null
                : row.deliveredAt().toInstant(ZoneOffset.UTC).toString());
        json.set("payload", row.payload());
        return json;
    }
}
