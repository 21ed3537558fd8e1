package io.tasker.server.api.data;

import io.javalin.http.Context;
import io.tasker.data.DataPipelines;
import io.tasker.data.dag.DagParser;
import io.tasker.data.lineage.Direction;
import io.tasker.data.lineage.Lineage;
import io.tasker.json.Json;
import io.tasker.server.api.Callers;
import io.tasker.server.api.Params;
import io.tasker.server.api.RouteTable;
import io.tasker.server.auth.Permission;
import java.util.UUID;
import java.util.regex.Pattern;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Lineage: {@code /v1/lineage/datasets/{name}} (datasets up- or downstream, from the active DAG versions),
 * {@code /v1/datasets/{name}/partitions/{key}/lineage} (the input partitions a partition was made from) and
 * {@code /v1/lineage/columns} (the closure of declared column lineage). Each needs read access to its dataset, and
 * leaves out the edges and inputs that name a dataset the caller may not read.
 */
public final class LineageRoutes {

    private static final Pattern DIRECTION = Pattern.compile("upstream|downstream");
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.=-]{0,127}");
    private static final Pattern COLUMN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    private final DataPipelines data;

    public LineageRoutes(DataPipelines data) {
        this.data = data;
    }

    public void register(RouteTable routes) {
        routes.get("/v1/lineage/datasets/{name}", this::datasets, Permission.DATA_READ);
        routes.get("/v1/lineage/columns", this::columns, Permission.DATA_READ);
        routes.get("/v1/datasets/{name}/partitions/{key}/lineage", this::partition, Permission.DATA_READ);
    }

    private void datasets(Context ctx) {
        String name = DatasetRoutes.name(ctx);
        Direction direction = direction(ctx);
        int depth = Params.queryInt(ctx, "depth", 1, 1, Lineage.MAX_DEPTH);
        DataAccess.readable(ctx, data, name);
        ObjectNode json = Json.object().put("dataset", name).put("direction", direction.code()).put("depth", depth);
        ArrayNode edges = json.putArray("edges");
        var visible = DataAccess.visible(ctx, data);
        data.lineage().datasets(org(ctx), name, direction, depth).stream()
                .filter(e -> visible.test(e.input()) && visible.test(e.output())).forEach(e -> edges.addObject()
                .put("input", e.input()).put("output", e.output()).put("dag", e.dag()).put("job", e.job())
                .put("depth", e.depth()));
        ctx.contentType("application/json").result(Json.write(json));
    }

    private void columns(Context ctx) {
        String name = Params.query(ctx, "dataset", DagParser.DATASET, "a dataset name").orElseThrow(() ->
                new io.tasker.InvalidInputException("dataset: is required"));
        String column = Params.query(ctx, "column", COLUMN, "a column name").orElseThrow(() ->
                new io.tasker.InvalidInputException("column: is required"));
        Direction direction = direction(ctx);
        DataAccess.readable(ctx, data, name);
        ObjectNode json = Json.object().put("dataset", name).put("column", column).put("direction", direction.code());
        ArrayNode edges = json.putArray("edges");
        var visible = DataAccess.visible(ctx, data);
        data.lineage().columns(org(ctx), name, column, direction).stream()
                .filter(e -> visible.test(e.inputDataset()) && visible.test(e.outputDataset()))
                .forEach(e -> edges.addObject()
                .put("output_dataset", e.outputDataset()).put("output_column", e.outputColumn())
                .put("input_dataset", e.inputDataset()).put("input_column", e.inputColumn())
                .put("dag", e.dag()).put("job", e.job()).put("depth", e.depth()));
        ctx.contentType("application/json").result(Json.write(json));
    }

    private void partition(Context ctx) {
        String name = DatasetRoutes.name(ctx);
        String key = Params.name(ctx, "key", KEY);
        DataAccess.readable(ctx, data, name);
        Lineage.PartitionLineage lineage = data.lineage().partition(org(ctx), name, key);
        ObjectNode json = Json.object().put("dataset", name).put("partition_key", key)
                .put("dataset_version", lineage.datasetVersion().toString())
                .put("materialized_at", lineage.materializedAt().toString());
        json.put("run_id", lineage.runId().map(UUID::toString).orElse(null));
        json.put("job", lineage.job().orElse(null));
        ArrayNode inputs = json.putArray("inputs");
        var visible = DataAccess.visible(ctx, data);
        lineage.inputs().stream().filter(i -> visible.test(i.dataset())).forEach(i -> inputs.addObject()
                .put("dataset", i.dataset())
                .put("partition_key", i.partitionKey()).put("materialized_at", i.materializedAt().toString())
                .put("current", i.current()));
        ctx.contentType("application/json").result(Json.write(json));
    }

    private static Direction direction(Context ctx) {
        return Direction.parse(Params.query(ctx, "direction", DIRECTION, "upstream or downstream")
                .orElse("upstream"));
    }

    private static UUID org(Context ctx) {
        return Callers.of(ctx).orgId();
    }
}
