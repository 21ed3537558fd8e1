package io.tasker.server.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import io.tasker.server.auth.Permission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Registers routes with Javalin and remembers them, so that tests can compare the served routes with the OpenAPI
 * document. A route with a permission requires it; a route without one is open (health, metrics, API docs, echo).
 */
public final class RouteTable {

    /** A registered route. */
    public record Route(String method, String path, Optional<Permission> permission) {
    }

    private final RoutesConfig routes;
    private final List<Route> registered = new ArrayList<>();

    public RouteTable(RoutesConfig routes) {
        this.routes = routes;
    }

    public void get(String path, Handler handler, Permission permission) {
        routes.get(path, handler, permission);
        registered.add(new Route("get", path, Optional.of(permission)));
    }

    public void post(String path, Handler handler, Permission permission) {
        routes.post(path, handler, permission);
        registered.add(new Route("post", path, Optional.of(permission)));
    }

    public void patch(String path, Handler handler, Permission permission) {
        routes.patch(path, handler, permission);
        registered.add(new Route("patch", path, Optional.of(permission)));
    }

    public void delete(String path, Handler handler, Permission permission) {
        routes.delete(path, handler, permission);
        registered.add(new Route("delete", path, Optional.of(permission)));
    }

    /** An open GET route (no credentials needed). */
    public void openGet(String path, Handler handler) {
        routes.get(path, handler);
        registered.add(new Route("get", path, Optional.empty()));
    }

    /** An open POST route (no credentials needed). */
    public void openPost(String path, Handler handler) {
        routes.post(path, handler);
        registered.add(new Route("post", path, Optional.empty()));
    }

    public List<Route> registered() {
        return List.copyOf(registered);
    }
}
