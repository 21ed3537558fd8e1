package io.tasker.server.api;

import io.javalin.http.Context;
import io.tasker.identity.Identity;
import io.tasker.identity.BuiltInRole;
import io.tasker.identity.Org;
import io.tasker.identity.User;
import io.tasker.json.Json;
import io.tasker.server.auth.Authenticator;
import io.tasker.server.auth.Permission;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /v1/whoami}, and {@code /v1/admin/orgs|users|audit}: orgs (for the default org's admins), the users of
 * an org and the trail of admin changes.
 */
public final class AdminRoutes {

    private static final Set<String> ORG_FIELDS = Set.of("name", "slug");
    private static final Set<String> USER_FIELDS = Set.of("external_id", "email", "role", "org");
    private static final Set<String> DISABLE_FIELDS = Set.of("org");

    private final Identity identity;
    private final Authenticator authenticator;
    private final AdminScope scope;

    public AdminRoutes(Identity identity, Authenticator authenticator) {
        this.identity = identity;
        this.authenticator = authenticator;
        this.scope = new AdminScope(identity);
    }

    public void register(RouteTable routes) {
        routes.authenticatedGet("/v1/whoami", this::whoami);
        routes.get("/v1/admin/orgs", this::listOrgs, Permission.ORGS_MANAGE);
        routes.post("/v1/admin/orgs", this::createOrg, Permission.ORGS_MANAGE);
        routes.get("/v1/admin/users", this::listUsers, Permission.ADMIN_READ);
        routes.post("/v1/admin/users", this::createUser, Permission.ADMIN_WRITE);
        routes.post("/v1/admin/users/{external_id}/disable", this::disableUser, Permission.ADMIN_WRITE);
        routes.get("/v1/admin/audit", this::audit, Permission.ADMIN_READ);
    }

    private void whoami(Context ctx) {
        json(ctx, AdminViews.caller(Callers.of(ctx)));
    }

    private void listOrgs(Context ctx) {
        ArrayNode orgs = Json.MAPPER.createArrayNode();
        identity.orgs().list().forEach(org -> orgs.add(AdminViews.org(org)));
        json(ctx, Json.object().set("orgs", orgs));
    }

    private void createOrg(Context ctx) {
        JsonBody body = JsonBody.of(ctx, ORG_FIELDS);
        Org org = identity.orgs().create(body.requiredText("name", 200), body.requiredText("slug", 63),
                AdminScope.actor(ctx));
        ctx.status(201);
        json(ctx, AdminViews.org(org));
    }

    private void listUsers(Context ctx) {
        Org org = scope.fromQuery(ctx);
        ArrayNode users = Json.MAPPER.createArrayNode();
        identity.users().list(org.id()).forEach(user -> users.add(AdminViews.user(user, org.slug())));
        json(ctx, Json.object().set("users", users));
    }

    private void createUser(Context ctx) {
        JsonBody body = JsonBody.of(ctx, USER_FIELDS);
        Org org = scope.fromBody(ctx, body);
        BuiltInRole role = body.text("role", 32).map(BuiltInRole::parse).orElse(BuiltInRole.VIEWER);
        User user = identity.users().create(org.id(), body.requiredText("external_id", 200),
                body.text("email", 254), role, AdminScope.actor(ctx));
        ctx.status(201);
        json(ctx, AdminViews.user(user, org.slug()));
    }

    private void disableUser(Context ctx) {
        Org org = ctx.body().isBlank() ? scope.fromQuery(ctx) : scope.fromBody(ctx, JsonBody.of(ctx, DISABLE_FIELDS));
        User user = identity.users().disable(org.id(), ctx.pathParam("external_id"), AdminScope.actor(ctx));
        authenticator.invalidate();
        json(ctx, AdminViews.user(user, org.slug()));
    }

    private void audit(Context ctx) {
        Org org = scope.fromQuery(ctx);
        int limit = Params.queryInt(ctx, "limit", 50, 1, 500);
        ArrayNode entries = Json.MAPPER.createArrayNode();
        identity.audit().recent(org.id(), limit).forEach(entry -> entries.add(AdminViews.audit(entry)));
        json(ctx, Json.object().set("entries", entries));
    }

    static void json(Context ctx, JsonNode json) {
        ctx.contentType("application/json").result(Json.write(json));
    }

    static ObjectNode wrap(String field, JsonNode value) {
        ObjectNode json = Json.object();
        json.set(field, value);
        return json;
    }
}
