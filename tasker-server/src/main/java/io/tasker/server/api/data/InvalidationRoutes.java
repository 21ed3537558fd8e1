package io.tasker.server.api.data;

import io.javalin.http.Context;
import io.tasker.data.DataPipelines;
import io.tasker.data.run.InvalidationCascade;
import io.tasker.data.run.Invalidations;
import io.tasker.json.Json;
import io.tasker.server.api.Callers;
import io.tasker.server.api.JsonBody;
import io.tasker.server.api.Params;
import io.tasker.server.api.RouteTable;
import io.tasker.server.auth.Permission;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /v1/datasets/{name}/invalidations} (a correction of a partition or of rows of it, which re-materialises
 * the partition and cascades downstream) and {@code GET /v1/invalidations/{id}} (the cascade, level by level, of the
 * datasets the caller may read).
 */
public final class InvalidationRoutes {

    private final DataPipelines data;

    public InvalidationRoutes(DataPipelines data) {
        this.data = data;
    }

    public void register(RouteTable routes) {
        routes.post("/v1/datasets/{name}/invalidations", this::create, Permission.DATA_RUN);
        routes.get("/v1/invalidations/{id}", this::get, Permission.DATA_READ);
    }

    private void create(Context ctx) {
        String name = DatasetRoutes.name(ctx);
        JsonBody body = JsonBody.of(ctx, Set.of("scope", "partition_key", "row_filter", "reason"));
        DataAccess.readable(ctx, data, name);
        UUID id = data.invalidations().create(Callers.of(ctx).orgId(), name, new Invalidations.Request(
                body.text("scope", 16).orElse("partition"), body.requiredText("partition_key", 128),
                body.object("row_filter").map(o -> (JsonNode) o), body.text("reason", 32).orElse("manual")));
        ctx.status(201).contentType("application/json").result(Json.write(Json.object()
                .put("invalidation_id", id.toString())));
    }

    private void get(Context ctx) {
        UUID id = Params.uuid(ctx, "id");
        ObjectNode json = Json.object().put("invalidation_id", id.toString());
        ArrayNode levels = json.putArray("cascade");
        List<InvalidationCascade.Level> cascade = data.invalidationCascade().get(Callers.of(ctx).orgId(), id);
        // the same read roles as the dataset routes: 403 when the invalidated dataset is not readable, and the
        // levels of downstream datasets the caller may not read are left out, as lineage leaves them out
        DataAccess.readable(ctx, data, cascade.getFirst().dataset());
        Predicate<String> visible = DataAccess.visible(ctx, data);
        for (InvalidationCascade.Level l : cascade.stream().filter(l -> visible.test(l.dataset())).toList()) {
            ObjectNode level = levels.addObject().put("level", l.level()).put("invalidation_id", l.id().toString());
            level.put("parent_id", l.parent().map(UUID::toString).orElse(null));
            level.put("dataset", l.dataset()).put("scope", l.scope()).put("reason", l.reason());
            level.put("partition_key", l.partitionKey().orElse(null));
            level.set("row_filter", l.rowFilter());
            level.put("created_at", l.createdAt().toString());
            DataViews.strings(level.putArray("dependents"), l.dependents());
            DataViews.strings(level.putArray("processed_by"), l.processedBy());
            level.put("processed_at", l.processedAt().map(Object::toString).orElse(null));
            ArrayNode runs = level.putArray("runs");
            l.runs().forEach(r -> runs.addObject().put("run_id", r.id().toString()).put("job", r.job())
                    .put("status", r.status()));
        }
        ctx.contentType("application/json").result(Json.write(json));
    }
}
