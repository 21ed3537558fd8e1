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

    /**
     * A registered route: with a permission, callers need it; without one, a route is open (health, metrics, API
     * docs) unless {@code authenticated}, when any authenticated caller may use it ({@code /v1/whoami}).
     */
    public record Route(String method, String path, Optional<Permission> permission, boolean authenticated) {
    }

    /** The marker a route carries when it needs an authenticated caller but no permission. */
    public enum Access implements io.javalin.security.RouteRole { AUTHENTICATED }

    private final RoutesConfig routes;
    private final List<Route> registered = new ArrayList<>();

    public RouteTable(RoutesConfig routes) {
        this.routes = routes;
    }

    public void get(String path, Handler handler, Permission permission) {
        routes.get(path, handler, permission);
        registered.add(new Route("get", path, Optional.of(permission), true));
    }

    public void post(String path, Handler handler, Permission permission) {
        routes.post(path, handler, permission);
        registered.add(new Route("post", path, Optional.of(permission), true));
    }

    public void put(String path, Handler handler, Permission permission) {
        routes.put(path, handler, permission);
        registered.add(new Route("put", path, Optional.of(permission), true));
    }

    public void patch(String path, Handler handler, Permission permission) {
        routes.patch(path, handler, permission);
        registered.add(new Route("patch", path, Optional.of(permission), true));
    }

    public void delete(String path, Handler handler, Permission permission) {
        routes.delete(path, handler, permission);
        registered.add(new Route("delete", path, Optional.of(permission), true));
    }

    /** An open GET route (no credentials needed). */
    public void openGet(String path, Handler handler) {
        routes.get(path, handler);
        registered.add(new Route("get", path, Optional.empty(), false));
    }

    /** A GET route for any authenticated caller, whatever its permissions. */
    public void authenticatedGet(String path, Handler handler) {
        routes.get(path, handler, Access.AUTHENTICATED);
        registered.add(new Route("get", path, Optional.empty(), true));
    }

    /** An open POST route (no credentials needed). */
    public void openPost(String path, Handler handler) {
        routes.post(path, handler);
        registered.add(new Route("post", path, Optional.empty(), false));
    }

    public List<Route> registered() {
        return List.copyOf(registered);
    }
}
