package io.tasker.server.api.data;

import io.javalin.http.Context;
import io.tasker.data.DataPipelines;
import io.tasker.data.dag.DagParser;
import io.tasker.data.run.RunRequest;
import io.tasker.data.run.Runs;
import io.tasker.json.Json;
import io.tasker.server.api.Callers;
import io.tasker.server.api.FieldException;
import io.tasker.server.api.JsonBody;
import io.tasker.server.api.Params;
import io.tasker.server.api.RouteTable;
import io.tasker.server.auth.Permission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code /v1/dags/{dag}/jobs/{job}/runs}: manual runs and backfills of a job, and its runs. */
public final class RunRoutes {

    private static final Pattern STATUS = Pattern.compile("waiting|queued|running|retrying|succeeded|failed|cancelled");

    private final DataPipelines data;

    public RunRoutes(DataPipelines data) {
        this.data = data;
    }

    public void register(RouteTable routes) {
        routes.post("/v1/dags/{dag}/jobs/{job}/runs", this::start, Permission.DATA_RUN);
        routes.get("/v1/dags/{dag}/jobs/{job}/runs", this::list, Permission.DATA_READ);
    }

    private void start(Context ctx) {
        JsonBody body = JsonBody.of(ctx, Set.of("partitions", "mode", "max_concurrency"));
        JsonNode partitions = body.any("partitions").orElseThrow(() -> new FieldException("partitions",
                "is required: a list of partition keys, or {from, to}"));
        List<String> keys = new ArrayList<>();
        Optional<String> from = Optional.empty();
        Optional<String> to = Optional.empty();
        if (partitions.isArray()) {
            for (JsonNode key : partitions) {
                if (!key.isString()) {
                    throw new FieldException("partitions", "must be a list of partition keys");
                }
                keys.add(key.asString());
            }
            if (keys.isEmpty()) {
                throw new FieldException("partitions", "must not be empty");
            }
        } else if (partitions.isObject() && partitions.path("from").isString() && partitions.path("to").isString()
                && partitions.size() == 2) {
            from = Optional.of(partitions.path("from").asString());
            to = Optional.of(partitions.path("to").asString());
        } else {
            throw new FieldException("partitions", "must be a list of partition keys, or {from, to}");
        }
        String mode = body.text("mode", 16).orElse("missing");
        if (!RunRequest.MODES.contains(mode)) {
            throw new FieldException("mode", "must be missing, failed or all");
        }
        int concurrency = body.integer("max_concurrency", 1, 1000).orElse(RunRequest.DEFAULT_MAX_CONCURRENCY);
        UUID org = Callers.of(ctx).orgId();
        var job = data.dags().currentJob(org, DagRoutes.dag(ctx), job(ctx));
        Runs.Started started = data.runs().start(job, new RunRequest(keys, from, to, mode, concurrency),
                Optional.of(Callers.of(ctx).userId()));
        ObjectNode json = Json.object();
        if (started.backfillId() == null) {
            json.putNull("backfill_id");
        } else {
            json.put("backfill_id", started.backfillId().toString());
        }
        ArrayNode runs = json.putArray("runs");
        started.runs().forEach(r -> runs.add(DataViews.run(r)));
        json.put("skipped", started.skipped());
        ctx.status(201).contentType("application/json").result(Json.write(json));
    }

    private void list(Context ctx) {
        Optional<String> status = Params.query(ctx, "status", STATUS, "a run status");
        var page = data.runs().list(Callers.of(ctx).orgId(), DagRoutes.dag(ctx), job(ctx), status,
                Params.queryInt(ctx, "page", 1, 1, 1_000_000), Params.queryInt(ctx, "per_page", 25, 1, 100));
        ctx.contentType("application/json").result(Json.write(DataViews.page("runs", page, DataViews::run)));
    }

    private static String job(Context ctx) {
        return Params.name(ctx, "job", DagParser.NAME);
    }
}
