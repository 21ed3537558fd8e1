package io.tasker.server.api;

import io.javalin.http.Context;
import io.tasker.Tasker;
import io.tasker.analytics.Analytics;
import io.tasker.json.Json;
import io.tasker.server.auth.Permission;
import java.time.Duration;

/** {@code /v1/analytics}: a window's performance with the system's state now, and its bottlenecks. */
public final class AnalyticsRoutes {

    public static final int DEFAULT_HOURS = (int) Analytics.DEFAULT_LOOKBACK.toHours();
    /** Thirty days: the functions scan the window's tasks and transitions, so it is bounded. */
    public static final int MAX_HOURS = 720;
    public static final int MAX_LIMIT = 100;

    private final Tasker tasker;
    private final Tenants tenants;

    public AnalyticsRoutes(Tasker tasker, Tenants tenants) {
        this.tasker = tasker;
        this.tenants = tenants;
    }

    public void register(RouteTable routes) {
        routes.get("/v1/analytics/performance", this::performance, Permission.ANALYTICS_READ);
        routes.get("/v1/analytics/bottlenecks", this::bottlenecks, Permission.ANALYTICS_READ);
    }

    private void performance(Context ctx) {
        tenants.requireInstallationView(ctx);
        Duration lookback = lookback(ctx);
        ctx.contentType("application/json")
                .result(Json.write(AnalyticsViews.performance(tasker.analytics().performance(lookback))));
    }

    private void bottlenecks(Context ctx) {
        tenants.requireInstallationView(ctx);
        Duration lookback = lookback(ctx);
        int limit = Params.queryInt(ctx, "limit", Analytics.DEFAULT_LIMIT, 1, MAX_LIMIT);
        ctx.contentType("application/json")
                .result(Json.write(AnalyticsViews.bottlenecks(tasker.analytics().bottlenecks(lookback, limit))));
    }

    private static Duration lookback(Context ctx) {
        return Duration.ofHours(Params.queryInt(ctx, "hours", DEFAULT_HOURS, 1, MAX_HOURS));
    }
}
