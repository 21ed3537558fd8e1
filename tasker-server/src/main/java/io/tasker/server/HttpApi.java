package io.tasker.server;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.security.RouteRole;
import io.tasker.Tasker;
import io.tasker.data.DataPipelines;
import io.tasker.identity.Identity;
import io.tasker.server.api.AdminAccessRoutes;
import io.tasker.server.api.AdminRoutes;
import io.tasker.server.api.AnalyticsRoutes;
import io.tasker.server.api.AnalyticsSeriesRoutes;
import io.tasker.server.api.ApiErrors;
import io.tasker.server.api.Callers;
import io.tasker.server.api.DeliveryRoutes;
import io.tasker.server.api.DlqRoutes;
import io.tasker.server.api.EchoRoutes;
import io.tasker.server.api.HealthRoutes;
import io.tasker.server.api.OpenApi;
import io.tasker.server.api.QueryParameters;
import io.tasker.server.api.RouteTable;
import io.tasker.server.api.ScheduleRoutes;
import io.tasker.server.api.StepRoutes;
import io.tasker.server.api.TaskRoutes;
import io.tasker.server.api.TemplateRoutes;
import io.tasker.server.api.Tenants;
import io.tasker.server.api.WorkerRoutes;
import io.tasker.server.api.WorkflowRoutes;
import io.tasker.server.api.board.BoardApi;
import io.tasker.server.api.data.DataRoutes;
import io.tasker.server.auth.Authenticator;
import io.tasker.server.auth.Caller;
import io.tasker.server.auth.Permission;
import io.tasker.server.metrics.ServerMetrics;
import io.tasker.server.ui.UiRoutes;
import io.tasker.server.ui.UiSessions;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The HTTP side of a server process with the {@code api} role: Javalin, what runs before every matched route
 * (refusing while the embedded database is down, authentication and the route's permission, query parameter checks)
 * and every group of routes. A new group of routes is one line in {@link #register}.
 *
 * @param settings      the server's settings (listen address, request size, session lifetime)
 * @param tasker        the started engine
 * @param data          data pipelines bound to the engine
 * @param board         the board's API
 * @param identity      orgs, users, keys
 * @param authenticator who a request is
 * @param watch         the embedded database's state
 * @param metrics       the server's metrics
 * @param info          facts for the health and info routes
 * @param dataSource    the database, for the health routes
 * @param clock         the server's clock
 */
record HttpApi(ServerSettings settings, Tasker tasker, DataPipelines data, BoardApi board, Identity identity,
               Authenticator authenticator, DatabaseWatch watch, ServerMetrics metrics, ServerInfo info,
               DataSource dataSource, Clock clock) {

    /** Starts Javalin on the configured address; {@code registered} receives every route, for documentation checks. */
    Javalin start(List<RouteTable.Route> registered) {
        QueryParameters queryParameters = new QueryParameters(OpenApi.document());
        UiSessions sessions = new UiSessions(settings.auth().sessionTtl(), clock);
        Javalin app = Javalin.create(config -> {
            config.concurrency.useVirtualThreads = true;
            config.http.maxRequestSize = settings.listen().maxRequestBytes();
            config.http.prefer405over404 = true;
            config.startup.showJavalinBanner = false;
            config.jetty.modifyServer(server -> server.setErrorHandler(new JettyJsonErrors()));
            config.routes.beforeMatched(ctx -> {
                if (ctx.path().startsWith("/v1/")) {
                    watch.refuseWhileDown(ctx);
                }
                authorize(ctx, sessions);
                if (!ctx.path().startsWith(UiRoutes.PREFIX)) { // the dashboard's pages keep their own state in the URL
                    queryParameters.check(ctx);
                }
            });
            ApiErrors.register(config.routes, settings.listen().maxRequestBytes());
            RouteTable routes = new RouteTable(config.routes);
            register(routes);
            new UiRoutes(sessions, authenticator).register(config.routes);
            registered.addAll(routes.registered());
        });
        return app.start(settings.listen().bind(), settings.listen().port());
    }

    /** The REST API's routes, group by group. */
    private void register(RouteTable routes) {
        Tenants tenants = new Tenants(identity.tenancy());
        new TaskRoutes(tasker, tenants).register(routes);
        new WorkflowRoutes(tasker, tenants).register(routes);
        new ScheduleRoutes(tasker, tenants).register(routes);
        new DeliveryRoutes(tasker, tenants).register(routes);
        new StepRoutes(tasker, tenants).register(routes);
        new TemplateRoutes(tasker, tenants).register(routes);
        new WorkerRoutes(tasker, tenants).register(routes);
        new DlqRoutes(tasker, tenants).register(routes);
        new AnalyticsRoutes(tasker, tenants).register(routes);
        new AnalyticsSeriesRoutes(tasker, tenants).register(routes);
        new AdminRoutes(identity, authenticator).register(routes);
        new AdminAccessRoutes(identity, authenticator, clock).register(routes);
        new HealthRoutes(dataSource, watch, metrics, info, clock).register(routes);
        DataRoutes.register(routes, data);
        new EchoRoutes().register(routes);
        board.register(routes);
    }

    private void authorize(Context ctx, UiSessions sessions) {
        Set<RouteRole> roles = ctx.routeRoles();
        if (roles.isEmpty()) {
            return;
        }
        Caller caller = authenticator.authenticate(sessions.requestKey(ctx),
                Optional.ofNullable(ctx.header("Authorization")));
        for (RouteRole role : roles) {
            if (role instanceof Permission permission) {
                caller.require(permission);
            }
        }
        Callers.set(ctx, caller);
    }
}
