package io.tasker.server.api;

import io.javalin.http.Context;
import io.tasker.NotFoundException;
import io.tasker.Tasker;
import io.tasker.dlq.DlqEntry;
import io.tasker.dlq.DlqEnums;
import io.tasker.dlq.DlqFilter;
import io.tasker.json.Json;
import io.tasker.server.auth.Permission;
import io.tasker.store.rows.DlqReason;
import io.tasker.store.rows.DlqResolutionStatus;
import io.tasker.template.TemplateValidator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * {@code /v1/dlq}: the dead letter queue. Listing, an entry, a task's entry, closing an entry, counts, the
 * investigation queue, per-task staleness, sending a task by hand and running staleness detection on demand.
 */
public final class DlqRoutes {

    private static final Set<String> UPDATE_FIELDS = Set.of("resolution_status", "resolution_notes", "metadata",
            "resolved_by");
    private static final Set<String> SEND_FIELDS = Set.of("task_uuid", "notes", "requested_by");
    private static final Set<String> DETECT_FIELDS = Set.of("dry_run");
    private static final Set<String> HEALTH = Set.of("healthy", "warning", "stale");

    private final Tasker tasker;
    private final Tenants tenants;

    public DlqRoutes(Tasker tasker, Tenants tenants) {
        this.tasker = tasker;
        this.tenants = tenants;
    }

    public void register(RouteTable routes) {
        routes.get("/v1/dlq", this::list, Permission.DLQ_READ);
        routes.post("/v1/dlq", this::send, Permission.DLQ_WRITE);
        routes.get("/v1/dlq/task/{task_uuid}", this::forTask, Permission.DLQ_READ);
        routes.get("/v1/dlq/entry/{entry_uuid}", this::get, Permission.DLQ_READ);
        routes.patch("/v1/dlq/entry/{entry_uuid}", this::update, Permission.DLQ_WRITE);
        routes.get("/v1/dlq/stats", this::stats, Permission.DLQ_READ);
        routes.get("/v1/dlq/investigation-queue", this::investigationQueue, Permission.DLQ_READ);
        routes.get("/v1/dlq/staleness", this::staleness, Permission.DLQ_READ);
        routes.post("/v1/dlq/staleness/detect", this::detect, Permission.DLQ_WRITE);
    }

    private void list(Context ctx) {
        int page = Params.queryInt(ctx, "page", 1, 1, 1_000_000);
        int perPage = Params.queryInt(ctx, "per_page", 25, 1, 100);
        DlqFilter filter = new DlqFilter(
                Params.queryText(ctx, "status", 32)
                        .map(s -> DlqEnums.parse(DlqResolutionStatus.class, "status", s)),
                Params.queryText(ctx, "reason", 64).map(s -> DlqEnums.parse(DlqReason.class, "reason", s)),
                Params.query(ctx, "namespace", TemplateValidator.NAMESPACE, "a namespace name (a-z, 0-9, _)"))
                .inOrg(tenants.org(ctx));
        json(ctx, DlqViews.page(tasker.dlq().list(filter, page, perPage)));
    }

    /** The task's latest entry with its snapshot, and the earlier ones without. */
    private void forTask(Context ctx) {
        UUID task = Params.uuid(ctx, "task_uuid");
        tenants.requireTask(ctx, task);
        tasker.queries().task(task);
        List<DlqEntry> entries = tasker.dlq().forTask(task);
        if (entries.isEmpty()) {
            throw new NotFoundException("task " + task + " has no dead letter entry");
        }
        var json = DlqViews.entry(entries.get(0), true);
        var earlier = json.putArray("earlier_entries");
        entries.stream().skip(1).forEach(entry -> earlier.add(DlqViews.entry(entry, false)));
        json(ctx, json);
    }

    private void get(Context ctx) {
        UUID entry = Params.uuid(ctx, "entry_uuid");
        tenants.requireDlqEntry(ctx, entry);
        json(ctx, DlqViews.entry(tasker.dlq().get(entry), true));
    }

    private void update(Context ctx) {
        UUID entry = Params.uuid(ctx, "entry_uuid");
        tenants.requireDlqEntry(ctx, entry);
        JsonBody body = JsonBody.of(ctx, UPDATE_FIELDS);
        DlqResolutionStatus status = DlqEnums.parse(DlqResolutionStatus.class, "resolution_status",
                body.requiredText("resolution_status", 32));
        Optional<String> notes = body.text("resolution_notes", 4000);
        String by = Callers.actor(ctx, body, "resolved_by");
        json(ctx, DlqViews.entry(tasker.dlq().update(entry, status, notes, by, body.object("metadata")
                .map(JsonNode.class::cast)), true));
    }

    private void send(Context ctx) {
        JsonBody body = JsonBody.of(ctx, SEND_FIELDS);
        UUID task = body.requiredUuid("task_uuid");
        tenants.requireTask(ctx, task);
        DlqEntry entry = tasker.dlq().sendToDlq(task, body.text("notes", 4000),
                Callers.actor(ctx, body, "requested_by"));
        ctx.status(201);
        json(ctx, DlqViews.entry(entry, true));
    }

    private void stats(Context ctx) {
        tenants.requireInstallationView(ctx);
        json(ctx, DlqViews.stats(tasker.dlq().stats()));
    }

    private void investigationQueue(Context ctx) {
        tenants.requireInstallationView(ctx);
        int limit = Params.queryInt(ctx, "limit", 50, 1, 500);
        ctx.contentType("application/json").result(Json.write(
                DlqViews.investigationQueue(tasker.dlq().investigationQueue(limit))));
    }

    private void staleness(Context ctx) {
        tenants.requireInstallationView(ctx);
        Optional<String> health = Params.queryText(ctx, "health", 16);
        if (health.isPresent() && !HEALTH.contains(health.get())) {
            throw new FieldException("health", "must be healthy, warning or stale");
        }
        int limit = Params.queryInt(ctx, "limit", 100, 1, 1000);
        ctx.contentType("application/json").result(Json.write(
                DlqViews.stalenessList(tasker.dlq().staleness(health, limit))));
    }

    /** Runs a detection round now; {@code dry_run} (default true) only reports what a round would do. */
    private void detect(Context ctx) {
        tenants.requireInstallationView(ctx);
        boolean dryRun = Utf8Body.of(ctx).isBlank() || JsonBody.of(ctx, DETECT_FIELDS).bool("dry_run").orElse(true);
        json(ctx, DlqViews.detection(tasker.detectStaleTasks(dryRun), dryRun));
    }

    private static void json(Context ctx, JsonNode json) {
        ctx.contentType("application/json").result(Json.write(json));
    }
}
