package io.tasker.server.api;

import io.javalin.http.Context;
import io.tasker.analytics.Analytics;
import io.tasker.db.Migrations;
import io.tasker.json.Json;
import io.tasker.server.DatabaseWatch;
import io.tasker.server.DatabaseWatch.Reachability;
import io.tasker.server.ServerInfo;
import io.tasker.server.auth.Permission;
import io.tasker.server.metrics.ServerMetrics;
import io.tasker.store.jdbc.Jdbc;
import java.time.Clock;
import javax.sql.DataSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * Unversioned health endpoints, Prometheus metrics, the OpenAPI document, and {@code /v1/system/info}. {@code /health}
 * and {@code /health/live} answer from what the server already knows about its database, without waiting for it.
 */
public final class HealthRoutes {

    private final DataSource dataSource;
    private final DatabaseWatch watch;
    private final ServerMetrics metrics;
    private final ServerInfo info;
    private final Clock clock;
    private final String openApiJson;

    public HealthRoutes(DataSource dataSource, DatabaseWatch watch, ServerMetrics metrics, ServerInfo info,
                        Clock clock) {
        this.dataSource = dataSource;
        this.watch = watch;
        this.metrics = metrics;
        this.info = info;
        this.clock = clock;
        this.openApiJson = OpenApi.json();
    }

    public void register(RouteTable routes) {
        routes.openGet("/health", this::health);
        routes.openGet("/health/live", this::live);
        routes.openGet("/health/ready", this::ready);
        // Shows the database's address, user and pool: not for anonymous callers when keys are configured.
        routes.get("/health/detailed", this::detailed, Permission.SYSTEM_READ);
        routes.openGet("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                .result(metrics.scrape()));
        routes.openGet("/api-docs/openapi.json", ctx -> ctx.contentType("application/json").result(openApiJson));
        routes.get("/v1/system/info", ctx -> json(ctx, 200, info()), Permission.SYSTEM_READ);
    }

    /** Healthy while the database answers. */
    private void health(Context ctx) {
        Reachability database = watch.reachability();
        ObjectNode body = status(database == Reachability.UP ? "healthy" : "unhealthy");
        body.put("database", database.code());
        json(ctx, database == Reachability.UP ? 200 : 503, body);
    }

    /**
     * Alive unless the embedded database, which this process owns, is down: restarting the process may then help.
     * An external database that does not answer is reported but keeps the process alive (a restart cannot fix it).
     */
    private void live(Context ctx) {
        Reachability database = watch.reachability();
        boolean down = watch.embeddedDown();
        ObjectNode body = status(down ? "database_down" : "alive");
        body.put("database", database.code());
        json(ctx, down ? 503 : 200, body);
    }

    private void ready(Context ctx) {
        ObjectNode checks = checks();
        boolean ready = checks.path("database").path("status").asString().equals("healthy")
                && checks.path("migrations").path("status").asString().equals("healthy");
        ObjectNode body = status(ready ? "ready" : "not_ready");
        body.set("checks", checks);
        json(ctx, ready ? 200 : 503, body);
    }

    private void detailed(Context ctx) {
        ObjectNode checks = checks();
        boolean healthy = checks.path("database").path("status").asString().equals("healthy")
                && checks.path("migrations").path("status").asString().equals("healthy");
        ObjectNode body = status(healthy ? "healthy" : "degraded");
        body.set("checks", checks);
        body.set("info", info());
        json(ctx, healthy ? 200 : 503, body);
    }

    private ObjectNode checks() {
        ObjectNode checks = Json.object();
        long started = System.nanoTime();
        ObjectNode database = checks.putObject("database");
        if (watch.embeddedDown()) {
            database.put("status", "unhealthy");
            database.put("message", "the embedded database is " + watch.reachability().code());
        } else {
            try {
                new Analytics(new Jdbc(dataSource), clock).ping();
                database.put("status", "healthy");
            } catch (RuntimeException e) {
                database.put("status", "unhealthy");
                database.put("message", "the database cannot be reached");
            }
        }
        database.put("duration_ms", (System.nanoTime() - started) / 1_000_000);
        watch.embedded().ifPresent(status -> {
            ObjectNode embedded = database.putObject("embedded");
            embedded.put("state", status.state().code());
            embedded.put("restarts", status.restarts());
            status.lastRestart().ifPresent(at -> embedded.put("last_restart_at", Views.time(at)));
            status.lastProblem().ifPresent(problem -> embedded.put("last_problem", problem));
        });
        ObjectNode migrations = checks.putObject("migrations");
        if (database.path("status").asString().equals("healthy")) {
            boolean current = Migrations.isCurrent(dataSource);
            migrations.put("status", current ? "healthy" : "unhealthy");
            migrations.put("version", Migrations.currentVersion(dataSource));
            if (!current) {
                migrations.put("message", "migrations are pending: run tasker db migrate");
            }
        } else {
            migrations.put("status", "unknown");
        }
        return checks;
    }

    private ObjectNode info() {
        ObjectNode json = info.toJson();
        ObjectNode queue = json.putObject("queue");
        queue.put("ready_steps", metrics.readySteps());
        queue.put("active_leases", metrics.activeLeases());
        queue.put("retrying_steps", metrics.retryingSteps());
        return json;
    }

    private ObjectNode status(String status) {
        ObjectNode json = Json.object();
        json.put("status", status);
        json.put("timestamp", Views.time(clock.instant()));
        return json;
    }

    private static void json(Context ctx, int status, ObjectNode body) {
        ctx.status(status).contentType("application/json").result(Json.write(body));
    }
}
