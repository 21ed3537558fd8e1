package io.tasker.server.api.data;

import io.javalin.http.Context;
import io.tasker.data.DataPipelines;
import io.tasker.data.query.QueryResult;
import io.tasker.data.query.QueryService;
import io.tasker.json.Json;
import io.tasker.server.api.Callers;
import io.tasker.server.api.JsonBody;
import io.tasker.server.api.RouteTable;
import io.tasker.server.auth.Permission;
import java.util.Set;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code POST /v1/query}: read-only DuckDB SQL over the org's published datasets, pinned to their versions. */
public final class QueryRoutes {

    private final DataPipelines data;

    public QueryRoutes(DataPipelines data) {
        this.data = data;
    }

    public void register(RouteTable routes) {
        routes.post("/v1/query", this::query, Permission.DATA_QUERY);
    }

    private void query(Context ctx) {
        String sql = JsonBody.of(ctx, Set.of("sql")).requiredText("sql", QueryService.MAX_SQL_LENGTH);
        QueryResult result = data.query().run(Callers.of(ctx).orgId(), sql, DataAccess.reader(ctx));
        ObjectNode json = Json.object();
        ArrayNode columns = json.putArray("columns");
        result.columns().forEach(c -> columns.addObject().put("name", c.name()).put("type", c.type()));
        ArrayNode rows = json.putArray("rows");
        result.rows().forEach(row -> {
            ArrayNode values = rows.addArray();
            row.forEach(values::add);
        });
        json.put("row_count", result.rows().size());
        json.put("truncated", result.truncated());
        ObjectNode versions = json.putObject("dataset_versions");
        result.datasetVersions().forEach((name, version) -> versions.put(name, version.toString()));
        json.put("elapsed_ms", result.elapsedMillis());
        ctx.contentType("application/json").result(Json.write(json));
    }
}
