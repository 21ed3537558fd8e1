package io.tasker.server.api;

import io.javalin.http.Context;
import io.tasker.Tasker;
import io.tasker.analytics.Throughput;
import io.tasker.json.Json;
import io.tasker.server.auth.Permission;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /v1/analytics/series}: tasks created, completed and failed per time bucket over the last {@code hours},
 * counted in SQL ({@link Throughput}), for the overview's charts. The bucket grows with the window so a
 * series has at most {@value #MAX_BUCKETS} points: a minute for the last hour or two, up to six hours for 30 days.
 */
public final class AnalyticsSeriesRoutes {

    static final int MAX_BUCKETS = 180;
    private static final List<Integer> BUCKET_SECONDS = List.of(60, 300, 900, 3600, 10_800, 21_600);

    private final Tasker tasker;
    private final Tenants tenants;

    public AnalyticsSeriesRoutes(Tasker tasker, Tenants tenants) {
        this.tasker = tasker;
        this.tenants = tenants;
    }

    public void register(RouteTable routes) {
        routes.get("/v1/analytics/series", this::series, Permission.ANALYTICS_READ);
    }

    private void series(Context ctx) {
        tenants.requireInstallationView(ctx);
        int hours = Params.queryInt(ctx, "hours", 1, 1, AnalyticsRoutes.MAX_HOURS);
        int bucket = bucketSeconds(hours);
        List<Throughput.Point> points = new Throughput(tasker.jdbc()).series(hours, bucket);
        ObjectNode json = Json.object().put("hours", hours).put("bucket_seconds", bucket);
        ArrayNode series = json.putArray("points");
        points.forEach(p -> series.addObject().put("start", p.start().toString())
                .put("created", p.created()).put("completed", p.completed()).put("failed", p.failed()));
        ctx.contentType("application/json").result(Json.write(json));
    }

    /** The smallest of the buckets that splits the window into at most {@link #MAX_BUCKETS}. */
    public static int bucketSeconds(int hours) {
        return BUCKET_SECONDS.stream().filter(s -> hours * 3600L / s <= MAX_BUCKETS).findFirst()
                .orElse(BUCKET_SECONDS.get(BUCKET_SECONDS.size() - 1));
    }
}
