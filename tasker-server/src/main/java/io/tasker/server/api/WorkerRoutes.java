package io.tasker.server.api;

import io.javalin.http.Context;
import io.tasker.Tasker;
import io.tasker.handler.Checkpoint;
import io.tasker.json.Json;
import io.tasker.server.auth.Permission;
import io.tasker.template.TemplateValidator;
import io.tasker.worker.ExternalWorkers;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code /v1/workers}: the worker API for steps whose handler is {@code external}. */
public final class WorkerRoutes {

    private static final Set<String> CLAIM_FIELDS = Set.of("namespace", "max_steps", "wait_seconds", "worker_id");
    private static final Set<String> LEASE_FIELDS = Set.of("lease_token");
    private static final Set<String> RESULT_FIELDS = Set.of("lease_token", "status", "result", "error",
            "retry_after_seconds", "execution_time_ms");
    private static final Set<String> CHECKPOINT_FIELDS = Set.of("lease_token", "cursor", "items_processed",
            "accumulated_results");
    private static final Set<String> ERROR_FIELDS = Set.of("type", "message");

    private final Tasker tasker;
    private final Tenants tenants;

    public WorkerRoutes(Tasker tasker, Tenants tenants) {
        this.tasker = tasker;
        this.tenants = tenants;
    }

    public void register(RouteTable routes) {
        routes.post("/v1/workers/claims", this::claim, Permission.WORKERS_CLAIM);
        routes.post("/v1/workers/claims/{step_uuid}/heartbeat", this::heartbeat, Permission.WORKERS_CLAIM);
        routes.post("/v1/workers/claims/{step_uuid}/result", this::result, Permission.WORKERS_CLAIM);
        routes.post("/v1/workers/claims/{step_uuid}/checkpoint", this::checkpoint, Permission.WORKERS_CLAIM);
    }

    private void claim(Context ctx) throws InterruptedException {
        JsonBody body = JsonBody.of(ctx, CLAIM_FIELDS);
        String namespace = body.requiredText("namespace", 64);
        if (!TemplateValidator.NAMESPACE.matcher(namespace).matches()) {
            throw new FieldException("namespace", "must be 1 to 29 characters of a-z, 0-9 and _");
        }
        tenants.requireNamespace(ctx, namespace);
        int maxSteps = body.integer("max_steps", 1, 100).orElse(1);
        int waitSeconds = body.integer("wait_seconds", 0, 60).orElse(0);
        String worker = body.text("worker_id", 128).filter(s -> !s.isBlank())
                .orElse("api:" + Callers.of(ctx).name());
        List<ExternalWorkers.ExternalClaim> claims = tasker.externalWorkers().claim(namespace, maxSteps,
                Duration.ofSeconds(waitSeconds), worker);
        ObjectNode json = Json.object();
        ArrayNode list = json.putArray("claims");
        claims.forEach(claim -> list.add(Views.claim(claim)));
        ctx.contentType("application/json").result(Json.write(json));
    }

    private void heartbeat(Context ctx) {
        UUID step = Params.uuid(ctx, "step_uuid");
        tenants.requireClaimedStep(ctx, step);
        JsonBody body = JsonBody.of(ctx, LEASE_FIELDS);
        var expires = tasker.externalWorkers().heartbeat(step, body.requiredUuid("lease_token"));
        ctx.contentType("application/json").result(Json.write(Json.object().put("lease_expires_at", expires.toString())));
    }

    private void result(Context ctx) {
        UUID step = Params.uuid(ctx, "step_uuid");
        tenants.requireClaimedStep(ctx, step);
        JsonBody body = JsonBody.of(ctx, RESULT_FIELDS, Set.of("result", "error"));
        UUID token = body.requiredUuid("lease_token");
        Duration took = Duration.ofMillis(body.integer("execution_time_ms", 0, Integer.MAX_VALUE).orElse(0));
        String status = body.requiredText("status", 32);
        ExternalWorkers.Report report = switch (status) {
            case "success" -> new ExternalWorkers.Report.Success(
                    body.any("result").orElse(Json.object()), took);
            case "retryable_failure", "permanent_failure" -> {
                ObjectNode error = body.object("error").orElse(Json.object());
                error.propertyNames().forEach(name -> {
                    if (!ERROR_FIELDS.contains(name)) {
                        throw new FieldException("error." + name, "unknown field");
                    }
                });
                Optional<Duration> retryAfter = body.number("retry_after_seconds", 0, 86_400)
                        .map(seconds -> Duration.ofMillis(Math.round(seconds * 1000)));
                yield new ExternalWorkers.Report.Failure(text(error, "type", "ExternalWorkerError"),
                        text(error, "message", ""), status.equals("retryable_failure"), retryAfter, took);
            }
            default -> throw new FieldException("status", "must be success, retryable_failure or permanent_failure");
        };
        tasker.externalWorkers().report(step, token, report);
        ctx.contentType("application/json").result(Json.write(Json.object().put("accepted", true)));
    }

    private void checkpoint(Context ctx) {
        UUID step = Params.uuid(ctx, "step_uuid");
        tenants.requireClaimedStep(ctx, step);
        JsonBody body = JsonBody.of(ctx, CHECKPOINT_FIELDS);
        UUID token = body.requiredUuid("lease_token");
        long items = body.integer("items_processed", 0, Integer.MAX_VALUE).orElse(0);
        tasker.externalWorkers().checkpoint(step, token, new Checkpoint(
                body.any("cursor").orElse(NullNode.getInstance()), items,
                body.any("accumulated_results").orElse(NullNode.getInstance())));
        ctx.contentType("application/json").result(Json.write(Json.object().put("saved", true)));
    }

    private static String text(JsonNode error, String field, String fallback) {
        JsonNode value = error.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isString() || value.asString().length() > 2000) {
            throw new FieldException("error." + field, "must be a string of at most 2000 characters");
        }
        return value.asString();
    }
}
