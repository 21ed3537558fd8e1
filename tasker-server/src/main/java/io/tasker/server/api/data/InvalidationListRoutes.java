package io.tasker.server.api.data;

import io.javalin.http.Context;
import io.tasker.data.DataPipelines;
import io.tasker.data.dag.DagParser;
import io.tasker.data.run.InvalidationList;
import io.tasker.json.Json;
import io.tasker.server.api.Callers;
import io.tasker.server.api.Params;
import io.tasker.server.api.RouteTable;
import io.tasker.server.auth.Permission;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /v1/invalidations}: the invalidations asked for (the roots of cascades), newest first, paged, each with
 * how far its cascade went; only those of datasets the caller may read. {@code GET /v1/invalidations/{id}} has the
 * cascade itself.
 */
public final class InvalidationListRoutes {

    private final DataPipelines data;

    public InvalidationListRoutes(DataPipelines data) {
        this.data = data;
    }

    public void register(RouteTable routes) {
        routes.get("/v1/invalidations", this::list, Permission.DATA_READ);
    }

    private void list(Context ctx) {
        var dataset = Params.query(ctx, "dataset", DagParser.DATASET, "a dataset name");
        var page = data.invalidationList().list(Callers.of(ctx).orgId(), DataAccess.reader(ctx), dataset,
                Params.queryInt(ctx, "page", 1, 1, 1_000_000), Params.queryInt(ctx, "per_page", 50, 1, 500));
        ctx.contentType("application/json").result(Json.write(DataViews.page("invalidations", page,
                InvalidationListRoutes::root)));
    }

    private static ObjectNode root(InvalidationList.Root r) {
        ObjectNode json = Json.object().put("invalidation_id", r.id().toString()).put("dataset", r.dataset())
                .put("scope", r.scope()).put("reason", r.reason()).put("created_at", r.createdAt().toString());
        json.put("partition_key", r.partitionKey().orElse(null));
        json.put("processed_at", r.processedAt().map(Object::toString).orElse(null));
        json.put("levels", r.levels()).put("invalidations", r.invalidations()).put("unprocessed", r.unprocessed());
        return json;
    }
}
