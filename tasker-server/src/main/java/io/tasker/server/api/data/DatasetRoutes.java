package io.tasker.server.api.data;

import io.javalin.http.Context;
import io.tasker.data.DataPipelines;
import io.tasker.data.dag.DagParser;
import io.tasker.data.dataset.Datasets;
import io.tasker.json.Json;
import io.tasker.server.api.Callers;
import io.tasker.server.api.Params;
import io.tasker.server.api.RouteTable;
import io.tasker.server.auth.Permission;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /v1/datasets}: datasets, one with its partition counts by status, and its partitions; each answers only for
 * datasets the caller may read (read roles), and the list leaves out the others.
 */
public final class DatasetRoutes {

    private static final List<String> FILTERS = java.util.stream.Stream.concat(Datasets.STATUSES.stream(),
            Datasets.FRESHNESS.stream()).toList();
    private static final Pattern STATUS = Pattern.compile(String.join("|", FILTERS));
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.=-]{0,127}");

    private final DataPipelines data;

    public DatasetRoutes(DataPipelines data) {
        this.data = data;
    }

    public void register(RouteTable routes) {
        routes.get("/v1/datasets", this::list, Permission.DATA_READ);
        routes.get("/v1/datasets/{name}", this::get, Permission.DATA_READ);
        routes.get("/v1/datasets/{name}/partitions", this::partitions, Permission.DATA_READ);
        routes.get("/v1/datasets/{name}/partitions/{key}/status", this::status, Permission.DATA_READ);
    }

    private void list(Context ctx) {
        ObjectNode json = Json.object();
        ArrayNode datasets = json.putArray("datasets");
        var reader = DataAccess.reader(ctx);
        data.datasets().list(Callers.of(ctx).orgId()).stream().filter(d -> reader.mayRead(d.readRoles()))
                .forEach(d -> datasets.add(DataViews.dataset(d)));
        ctx.contentType("application/json").result(Json.write(json));
    }

    private void get(Context ctx) {
        var org = Callers.of(ctx).orgId();
        String name = name(ctx);
        ObjectNode json = DataViews.dataset(DataAccess.readable(ctx, data, name));
        ObjectNode counts = json.putObject("partition_counts");
        data.datasets().counts(org, name).forEach(counts::put);
        ctx.contentType("application/json").result(Json.write(json));
    }

    private void partitions(Context ctx) {
        Optional<String> status = Params.query(ctx, "status", STATUS, String.join(", ", FILTERS));
        DataAccess.readable(ctx, data, name(ctx));
        var page = data.datasets().partitions(Callers.of(ctx).orgId(), name(ctx), status,
                Params.queryInt(ctx, "page", 1, 1, 1_000_000), Params.queryInt(ctx, "per_page", 100, 1, 1000));
        ctx.contentType("application/json").result(Json.write(DataViews.page("partitions", page,
                DataViews::partition)));
    }

    /** fresh, stale, missing, running (a run is queued or running) or failed, with the causes of staleness. */
    private void status(Context ctx) {
        String name = name(ctx);
        String key = Params.name(ctx, "key", KEY);
        DataAccess.readable(ctx, data, name);
        Datasets.PartitionView p = data.datasets().partition(Callers.of(ctx).orgId(), name, key);
        String status = switch (p.status()) {
            case "queued", "running" -> "running";
            case "materialized" -> p.freshness().orElse("fresh");
            default -> p.status();
        };
        ObjectNode json = Json.object().put("dataset", name).put("partition_key", key).put("status", status);
        ArrayNode causes = json.putArray("causes");
        p.causes().forEach(causes::add);
        DataViews.put(json, "materialized_at", p.materializedAt().map(Object::toString));
        ctx.contentType("application/json").result(Json.write(json));
    }

    static String name(Context ctx) {
        return Params.name(ctx, "name", DagParser.DATASET);
    }
}
