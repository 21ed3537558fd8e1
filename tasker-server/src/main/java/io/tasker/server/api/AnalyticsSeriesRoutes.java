package io.tasker.server.api;

import io.javalin.http.Context;
import io.tasker.Tasker;
import io.tasker.json.Json;
import io.tasker.server.auth.Permission;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /v1/analytics/series}: tasks created, completed and failed per time bucket over the last {@code hours},
 * counted in SQL (PostgreSQL's {@code date_bin}), for the overview's charts. The bucket grows with the window so a
 * series has at most {@value #MAX_BUCKETS} points: a minute for the last hour or two, up to six hours for 30 days.
 * Completed and failed count the tasks that reached that end state in the bucket and are still in it (the indexed
 * current-state transitions), so a failed task retried to completion counts as completed when it completed.
 */
public final class AnalyticsSeriesRoutes {

    static final int MAX_BUCKETS = 180;
    private static final List<Integer> BUCKET_SECONDS = List.of(60, 300, 900, 3600, 10_800, 21_600);

    private static final String SERIES = """
            WITH w AS (
                SELECT date_bin(make_interval(secs => ?), timezone('utc', now()) - make_interval(hours => ?),
                                timestamp '2000-01-01') AS since, make_interval(secs => ?) AS width
            ), created AS (
                SELECT date_bin(w.width, t.created_at, timestamp '2000-01-01') AS start, count(*) AS n
                FROM tasker.tasks t, w WHERE t.created_at >= w.since GROUP BY 1
            ), ended AS (
                SELECT date_bin(w.width, e.created_at, timestamp '2000-01-01') AS start,
                       count(*) FILTER (WHERE e.to_state = 'complete') AS completed,
                       count(*) FILTER (WHERE e.to_state = 'error') AS failed
                FROM tasker.task_transitions e, w
                WHERE e.most_recent AND e.to_state IN ('complete', 'error') AND e.created_at >= w.since GROUP BY 1
            )
            SELECT s.start, coalesce(c.n, 0) AS created, coalesce(d.completed, 0) AS completed,
                   coalesce(d.failed, 0) AS failed
            FROM w CROSS JOIN generate_series(w.since, timezone('utc', now()), w.width) AS s(start)
            LEFT JOIN created c ON c.start = s.start LEFT JOIN ended d ON d.start = s.start
            ORDER BY s.start
            """;

    private record Point(LocalDateTime start, long created, long completed, long failed) {
    }

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
        List<Point> points = tasker.jdbc().query(SERIES, row -> new Point(row.getObject("start", LocalDateTime.class),
                row.getLong("created"), row.getLong("completed"), row.getLong("failed")), bucket, hours, bucket);
        ObjectNode json = Json.object().put("hours", hours).put("bucket_seconds", bucket);
        ArrayNode series = json.putArray("points");
        points.forEach(p -> series.addObject().put("start", p.start().toInstant(ZoneOffset.UTC).toString())
                .put("created", p.created()).put("completed", p.completed()).put("failed", p.failed()));
        ctx.contentType("application/json").result(Json.write(json));
    }

    /** The smallest of the buckets that splits the window into at most {@link #MAX_BUCKETS}. */
    public static int bucketSeconds(int hours) {
        return BUCKET_SECONDS.stream().filter(s -> hours * 3600L / s <= MAX_BUCKETS).findFirst()
                .orElse(BUCKET_SECONDS.get(BUCKET_SECONDS.size() - 1));
    }
}
