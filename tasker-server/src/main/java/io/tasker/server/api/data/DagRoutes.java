package io.tasker.server.api.data;

import io.javalin.http.Context;
import io.tasker.data.DataPipelines;
import io.tasker.data.dag.DagParser;
import io.tasker.data.deploy.Cutover;
import io.tasker.data.deploy.Dags;
import io.tasker.data.deploy.Deployment;
import io.tasker.json.Json;
import io.tasker.server.api.ApiException;
import io.tasker.server.api.Callers;
import io.tasker.server.api.FieldException;
import io.tasker.server.api.JsonBody;
import io.tasker.server.api.Params;
import io.tasker.server.api.RouteTable;
import io.tasker.server.auth.Permission;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code /v1/dags}: deploy (YAML), list, get, activate (cut over or roll back), diff two versions. */
public final class DagRoutes {

    private static final List<String> YAML_TYPES = List.of("application/yaml", "application/x-yaml", "text/yaml",
            "text/x-yaml", "text/plain");

    private final DataPipelines data;

    public DagRoutes(DataPipelines data) {
        this.data = data;
    }

    public void register(RouteTable routes) {
        routes.post("/v1/dags", this::deploy, Permission.DATA_WRITE);
        routes.post("/v1/dags/validate", this::validate, Permission.DATA_WRITE);
        routes.get("/v1/dags", this::list, Permission.DATA_READ);
        routes.get("/v1/dags/{dag}", this::get, Permission.DATA_READ);
        routes.put("/v1/dags/{dag}/active", this::activate, Permission.DATA_WRITE);
        routes.get("/v1/dags/{dag}/diff", this::diff, Permission.DATA_READ);
    }

    private void deploy(Context ctx) {
        Deployment d = data.deploy(Callers.of(ctx).orgId(), yaml(ctx));
        ObjectNode json = Json.object();
        json.put("dag_name", d.dagName());
        json.put("dag_version_id", d.dagVersionId().toString());
        json.put("yaml_hash", d.yamlHash());
        json.put("created", d.created());
        json.put("active", d.activated());
        DataViews.strings(json.putArray("rebuilt_jobs"), d.rebuiltJobs());
        json.put("runs_started", d.runsStarted());
        ctx.status(d.created() ? 201 : 200).contentType("application/json").result(Json.write(json));
    }

    private void validate(Context ctx) {
        var spec = data.deployer().validate(Callers.of(ctx).orgId(), yaml(ctx));
        ObjectNode json = Json.object().put("valid", true).put("dag_name", spec.name());
        ArrayNode jobs = json.putArray("jobs");
        spec.jobs().forEach(j -> jobs.add(j.name()));
        ctx.contentType("application/json").result(Json.write(json));
    }

    private void list(Context ctx) {
        ObjectNode json = Json.object();
        ArrayNode dags = json.putArray("dags");
        for (Dags.DagSummary dag : data.dags().list(Callers.of(ctx).orgId())) {
            ObjectNode item = dags.addObject().put("dag_name", dag.name());
            DataViews.put(item, "current_version_id", dag.currentVersion().map(UUID::toString));
            DataViews.put(item, "activated_at", dag.activatedAt().map(Object::toString));
            item.put("version_count", dag.versionCount());
            item.put("last_deployed_at", dag.lastDeployedAt().toString());
        }
        ctx.contentType("application/json").result(Json.write(json));
    }

    private void get(Context ctx) {
        UUID org = Callers.of(ctx).orgId();
        String dag = dag(ctx);
        List<Dags.Version> versions = data.dags().versions(org, dag);
        UUID shown = Params.queryUuid(ctx, "version").orElseGet(() -> versions.stream().filter(Dags.Version::current)
                .findFirst().orElse(versions.get(0)).id());
        ObjectNode json = Json.object().put("dag_name", dag);
        DataViews.put(json, "current_version_id", versions.stream().filter(Dags.Version::current).findFirst()
                .map(v -> v.id().toString()));
        json.put("jobs_of_version_id", shown.toString());
        ArrayNode versionList = json.putArray("versions");
        versions.forEach(v -> versionList.add(DataViews.version(v)));
        ArrayNode jobs = json.putArray("jobs");
        data.dags().jobs(org, dag, shown).forEach(j -> jobs.add(DataViews.job(j)));
        ctx.contentType("application/json").result(Json.write(json));
    }

    private void activate(Context ctx) {
        UUID version = JsonBody.of(ctx, Set.of("dag_version_id")).requiredUuid("dag_version_id");
        Cutover.Activation a = data.cutover().activate(Callers.of(ctx).orgId(), dag(ctx), version);
        ObjectNode json = Json.object().put("dag_name", a.dagName()).put("dag_version_id", a.dagVersionId().toString());
        if (a.previousVersionId() == null) {
            json.putNull("previous_version_id");
        } else {
            json.put("previous_version_id", a.previousVersionId().toString());
        }
        ArrayNode cancelled = json.putArray("cancelled_runs");
        a.cancelledRuns().forEach(id -> cancelled.add(id.toString()));
        ctx.contentType("application/json").result(Json.write(json));
    }

    private void diff(Context ctx) {
        UUID from = Params.queryUuid(ctx, "from").orElseThrow(() -> new FieldException("from", "is required"));
        UUID to = Params.queryUuid(ctx, "to").orElseThrow(() -> new FieldException("to", "is required"));
        List<Dags.JobChange> changes = data.dags().diff(Callers.of(ctx).orgId(), dag(ctx), from, to);
        ObjectNode json = Json.object().put("dag_name", dag(ctx)).put("from", from.toString()).put("to", to.toString());
        ArrayNode rebuilt = json.putArray("rebuilt");
        changes.stream().filter(c -> !c.change().equals("unchanged") && !c.change().equals("removed"))
                .forEach(c -> rebuilt.add(c.job()));
        ArrayNode jobs = json.putArray("jobs");
        for (Dags.JobChange change : changes) {
            ObjectNode item = jobs.addObject().put("job", change.job()).put("change", change.change());
            DataViews.strings(item.putArray("reasons"), change.reasons());
        }
        ctx.contentType("application/json").result(Json.write(json));
    }

    static String dag(Context ctx) {
        return Params.name(ctx, "dag", DagParser.NAME);
    }

    private static String yaml(Context ctx) {
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        if (YAML_TYPES.stream().noneMatch(type::startsWith)) {
            throw ApiException.unsupportedMediaType("a DAG must be sent as application/yaml");
        }
        String body = ctx.body();
        if (body.isBlank()) {
            throw new FieldException("body", "a DAG file (YAML) is required");
        }
        return body;
    }
}
