package io.tasker.server.api;

import io.javalin.http.Context;
import io.tasker.Tasker;
import io.tasker.json.Json;
import io.tasker.schedule.CatchUp;
import io.tasker.schedule.CronExpression;
import io.tasker.schedule.Overlap;
import io.tasker.schedule.Schedule;
import io.tasker.schedule.ScheduleRequest;
import io.tasker.schedule.ScheduleTick;
import io.tasker.server.auth.Permission;
import io.tasker.template.TemplateValidator;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code /v1/schedules}: cron schedules of templates (create, list, get, pause, resume, delete, their ticks). */
public final class ScheduleRoutes {

    private static final Set<String> CREATE_FIELDS = Set.of("namespace", "name", "version", "cron", "timezone",
            "context", "overlap", "catch_up");

    private final Tasker tasker;
    private final Tenants tenants;

    public ScheduleRoutes(Tasker tasker, Tenants tenants) {
        this.tasker = tasker;
        this.tenants = tenants;
    }

    public void register(RouteTable routes) {
        routes.post("/v1/schedules", this::create, Permission.SCHEDULES_WRITE);
        routes.get("/v1/schedules", this::list, Permission.SCHEDULES_READ);
        routes.get("/v1/schedules/{schedule_uuid}", this::get, Permission.SCHEDULES_READ);
        routes.post("/v1/schedules/{schedule_uuid}/pause", this::pause, Permission.SCHEDULES_WRITE);
        routes.post("/v1/schedules/{schedule_uuid}/resume", this::resume, Permission.SCHEDULES_WRITE);
        routes.delete("/v1/schedules/{schedule_uuid}", this::delete, Permission.SCHEDULES_WRITE);
    }

    private void create(Context ctx) {
        JsonBody body = JsonBody.of(ctx, CREATE_FIELDS);
        String namespace = body.requiredText("namespace", 64);
        tenants.requireNamespace(ctx, namespace);
        ScheduleRequest request = new ScheduleRequest(namespace, body.requiredText("name", 64),
                body.text("version", 32), CronExpression.parse(body.requiredText("cron", CronExpression.MAX_LENGTH)),
                body.text("timezone", 64).orElse("UTC"), body.object("context").orElse(null),
                body.text("overlap", 32).map(Overlap::of).orElse(null),
                body.text("catch_up", 32).map(CatchUp::of).orElse(null));
        Schedule created = tasker.schedules().create(tenants.org(ctx), request,
                Optional.of(Callers.of(ctx).actor()));
        ctx.status(201).contentType("application/json").result(Json.write(view(created, List.of())));
    }

    private void list(Context ctx) {
        List<Schedule> schedules = tasker.schedules().list(tenants.org(ctx),
                Params.query(ctx, "namespace", TemplateValidator.NAMESPACE, "a namespace name (a-z, 0-9, _)"),
                Params.query(ctx, "name", TemplateValidator.NAME, "a template name"));
        ObjectNode json = Json.object();
        ArrayNode items = json.putArray("schedules");
        schedules.forEach(s -> items.add(view(s, List.of())));
        ctx.contentType("application/json").result(Json.write(json));
    }

    private void get(Context ctx) {
        UUID schedule = Params.uuid(ctx, "schedule_uuid");
        UUID org = tenants.org(ctx);
        respond(ctx, tasker.schedules().get(org, schedule),
                tasker.schedules().ticks(org, schedule, Params.queryInt(ctx, "ticks", 10, 0, 100)));
    }

    private void pause(Context ctx) {
        respond(ctx, tasker.schedules().pause(tenants.org(ctx), Params.uuid(ctx, "schedule_uuid")), List.of());
    }

    private void resume(Context ctx) {
        respond(ctx, tasker.schedules().resume(tenants.org(ctx), Params.uuid(ctx, "schedule_uuid")), List.of());
    }

    private void delete(Context ctx) {
        tasker.schedules().delete(tenants.org(ctx), Params.uuid(ctx, "schedule_uuid"));
        ctx.status(204);
    }

    private static void respond(Context ctx, Schedule schedule, List<ScheduleTick> ticks) {
        ctx.contentType("application/json").result(Json.write(view(schedule, ticks)));
    }

    static ObjectNode view(Schedule s, List<ScheduleTick> ticks) {
        ObjectNode json = Json.object();
        json.put("schedule_uuid", s.scheduleUuid().toString());
        json.put("namespace", s.namespace());
        json.put("name", s.name());
        json.put("version", s.version().orElse(null));
        json.put("cron", s.cron().text());
        json.put("cron_description", s.cron().describe());
        json.put("timezone", s.timezone());
        json.set("context", s.context());
        json.put("overlap", s.overlap().value());
        json.put("catch_up", s.catchUp().value());
        json.put("paused", s.paused());
        json.put("next_tick_at", s.nextTickAt().map(Instant::toString).orElse(null));
        json.put("last_task_uuid", s.lastTask().map(UUID::toString).orElse(null));
        json.put("created_by", s.createdBy().orElse(null));
        json.put("created_at", s.createdAt().toString());
        if (!ticks.isEmpty()) {
            ArrayNode recent = json.putArray("recent_ticks");
            ticks.forEach(t -> recent.addObject().put("tick_at", t.tickAt().toString())
                    .put("outcome", t.outcome().name().toLowerCase(java.util.Locale.ROOT))
                    .put("task_uuid", t.taskUuid().map(UUID::toString).orElse(null))
                    .put("error", t.error().orElse(null)));
        }
        return json;
    }
}
