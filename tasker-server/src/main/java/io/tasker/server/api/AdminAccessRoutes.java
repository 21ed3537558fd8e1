package io.tasker.server.api;

import io.javalin.http.Context;
import io.tasker.identity.BuiltInRole;
import io.tasker.identity.Identity;
import io.tasker.identity.IssuedKey;
import io.tasker.identity.Org;
import io.tasker.identity.OrgRole;
import io.tasker.json.Json;
import io.tasker.server.auth.Authenticator;
import io.tasker.server.auth.Permission;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.node.ArrayNode;

/** {@code /v1/admin/roles} and {@code /v1/admin/keys}: custom roles, who holds them, and users' API keys. */
public final class AdminAccessRoutes {

    private static final Set<String> ROLE_FIELDS = Set.of("slug", "name", "permissions", "org");
    private static final Set<String> GRANT_FIELDS = Set.of("permissions", "users", "org");
    private static final Set<String> KEY_FIELDS = Set.of("user", "name", "expires_at", "org");

    private final Identity identity;
    private final Authenticator authenticator;
    private final AdminScope scope;
    private final Clock clock;

    public AdminAccessRoutes(Identity identity, Authenticator authenticator, Clock clock) {
        this.identity = identity;
        this.authenticator = authenticator;
        this.scope = new AdminScope(identity);
        this.clock = clock;
    }

    public void register(RouteTable routes) {
        routes.get("/v1/admin/roles", this::listRoles, Permission.ADMIN_READ);
        routes.post("/v1/admin/roles", this::createRole, Permission.ADMIN_WRITE);
        routes.post("/v1/admin/roles/{slug}/grant", ctx -> change(ctx, true), Permission.ADMIN_WRITE);
        routes.post("/v1/admin/roles/{slug}/revoke", ctx -> change(ctx, false), Permission.ADMIN_WRITE);
        routes.get("/v1/admin/keys", this::listKeys, Permission.ADMIN_READ);
        routes.post("/v1/admin/keys", this::createKey, Permission.ADMIN_WRITE);
        routes.delete("/v1/admin/keys/{key_uuid}", this::revokeKey, Permission.ADMIN_WRITE);
    }

    private void listRoles(Context ctx) {
        Org org = scope.fromQuery(ctx);
        ArrayNode roles = Json.MAPPER.createArrayNode();
        for (BuiltInRole role : BuiltInRole.values()) {
            roles.add(AdminViews.builtInRole(role));
        }
        for (OrgRole role : identity.roles().list(org.id())) {
            roles.add(AdminViews.role(role, identity.roles().members(org.id(), role.slug())));
        }
        AdminRoutes.json(ctx, AdminRoutes.wrap("roles", roles));
    }

    private void createRole(Context ctx) {
        JsonBody body = JsonBody.of(ctx, ROLE_FIELDS);
        Org org = scope.fromBody(ctx, body);
        String slug = body.requiredText("slug", 63);
        OrgRole role = identity.roles().create(org.id(), slug, body.text("name", 200).orElse(slug),
                body.strings("permissions"), AdminScope.actor(ctx));
        authenticator.invalidate();
        ctx.status(201);
        AdminRoutes.json(ctx, AdminViews.role(role, List.of()));
    }

    /** Grants or revokes permissions of the role, and/or gives it to or takes it from users. */
    private void change(Context ctx, boolean grant) {
        JsonBody body = JsonBody.of(ctx, GRANT_FIELDS);
        Org org = scope.fromBody(ctx, body);
        String slug = ctx.pathParam("slug");
        List<String> permissions = body.strings("permissions");
        List<String> users = body.strings("users");
        if (permissions.isEmpty() && users.isEmpty()) {
            throw new FieldException("permissions", "name permissions and/or users to " + (grant ? "grant" : "revoke"));
        }
        var roles = identity.roles();
        if (!permissions.isEmpty()) {
            if (grant) {
                roles.grantPermissions(org.id(), slug, permissions, AdminScope.actor(ctx));
            } else {
                roles.revokePermissions(org.id(), slug, permissions, AdminScope.actor(ctx));
            }
        }
        for (String user : users) {
            if (grant) {
                roles.addMember(org.id(), slug, user, AdminScope.actor(ctx));
            } else {
                roles.removeMember(org.id(), slug, user, AdminScope.actor(ctx));
            }
        }
        authenticator.invalidate();
        AdminRoutes.json(ctx, AdminViews.role(roles.get(org.id(), slug), roles.members(org.id(), slug)));
    }

    private void listKeys(Context ctx) {
        Org org = scope.fromQuery(ctx);
        ArrayNode keys = Json.MAPPER.createArrayNode();
        identity.keys().list(org.id(), Params.queryText(ctx, "user", 200))
                .forEach(key -> keys.add(AdminViews.key(key, clock)));
        AdminRoutes.json(ctx, AdminRoutes.wrap("keys", keys));
    }

    private void createKey(Context ctx) {
        JsonBody body = JsonBody.of(ctx, KEY_FIELDS);
        Org org = scope.fromBody(ctx, body);
        Optional<Instant> expires = body.text("expires_at", 64).map(AdminAccessRoutes::instant);
        IssuedKey issued = identity.keys().create(org.id(), body.requiredText("user", 200),
                body.text("name", 200).orElse("api"), expires, AdminScope.actor(ctx));
        ctx.status(201);
        AdminRoutes.json(ctx, AdminViews.issued(issued, clock));
    }

    private void revokeKey(Context ctx) {
        Org org = scope.fromQuery(ctx);
        var key = identity.keys().revoke(org.id(), Params.uuid(ctx, "key_uuid"), AdminScope.actor(ctx));
        authenticator.invalidate();
        AdminRoutes.json(ctx, AdminViews.key(key, clock));
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new FieldException("expires_at", "must be an ISO-8601 instant such as 2030-01-01T00:00:00Z");
        }
    }
}
