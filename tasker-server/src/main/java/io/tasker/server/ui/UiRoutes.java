package io.tasker.server.ui;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.tasker.json.Json;
import io.tasker.server.api.ApiException;
import io.tasker.server.api.JsonBody;
import io.tasker.server.auth.Authenticator;
import io.tasker.server.auth.Caller;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /ui}: the dashboard's page and files, and {@code /ui/session} where a browser logs in with an API key and
 * out again. Everything else the dashboard shows comes from the REST API, which accepts the session cookie.
 */
public final class UiRoutes {

    /** Where the dashboard lives; everything under it is the dashboard's, not the REST API's. */
    public static final String PREFIX = "/ui";

    /** Scripts and styles only from this server; no inline script, no framing by other sites. */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private final UiAssets assets = new UiAssets();
    private final UiSessions sessions;
    private final Authenticator authenticator;

    public UiRoutes(UiSessions sessions, Authenticator authenticator) {
        this.sessions = sessions;
        this.authenticator = authenticator;
    }

    public void register(RoutesConfig routes) {
        // Javalin ignores trailing slashes: this serves /ui and /ui/ alike; pages are addressed after '#'.
        routes.get("/ui", ctx -> serve(ctx, "index.html"));
        routes.get("/ui/assets/{file}", ctx -> serve(ctx, ctx.pathParam("file")));
        routes.get("/ui/session", this::session);
        routes.post("/ui/session", this::login);
        routes.delete("/ui/session", this::logout);
    }

    private void serve(Context ctx, String file) {
        UiAssets.Asset asset = assets.get(file)
                .orElseThrow(() -> new ApiException(404, "not_found", "no such file"));
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-cache")
                .contentType(asset.contentType())
                .result(asset.content());
    }

    /** Whether this browser may use the API, and the CSRF token its actions send. */
    private void session(Context ctx) {
        Optional<UiSessions.Session> session = sessions.of(ctx);
        ObjectNode json = Json.object();
        json.put("auth_required", authenticator.enabled());
        json.put("logged_in", session.isPresent());
        json.put("csrf_token", session.map(UiSessions.Session::csrfToken).orElse(null));
        ctx.contentType("application/json").result(Json.write(json));
    }

    private void login(Context ctx) {
        JsonBody body = JsonBody.of(ctx, Set.of("api_key"));
        String key = body.requiredText("api_key", 512).strip();
        Caller caller = authenticator.authenticate(Optional.of(key), Optional.empty());
        UiSessions.Session session = sessions.open(key);
        sessions.setCookie(ctx, session);
        ObjectNode json = Json.object();
        json.put("logged_in", true);
        json.put("user", caller.name());
        json.put("csrf_token", session.csrfToken());
        ctx.contentType("application/json").result(Json.write(json));
    }

    private void logout(Context ctx) {
        sessions.apiKey(ctx);
        sessions.close(ctx);
        sessions.clearCookie(ctx);
        ctx.status(204);
    }
}
