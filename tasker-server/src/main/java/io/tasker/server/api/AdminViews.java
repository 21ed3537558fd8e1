package io.tasker.server.api;

import io.tasker.identity.AdminAudit;
import io.tasker.identity.ApiKey;
import io.tasker.identity.BuiltInRole;
import io.tasker.identity.IssuedKey;
import io.tasker.identity.Org;
import io.tasker.identity.OrgRole;
import io.tasker.identity.User;
import io.tasker.json.Json;
import io.tasker.server.auth.Caller;
import io.tasker.server.auth.Permission;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** JSON of orgs, users, roles, keys, audit entries and the caller (never a key's secret, except once at creation). */
public final class AdminViews {

    private AdminViews() {
    }

    public static ObjectNode org(Org org) {
        ObjectNode json = Json.object();
        json.put("id", org.id().toString());
        json.put("slug", org.slug());
        json.put("name", org.name());
        json.put("default", org.isDefault());
        json.put("created_at", org.createdAt().toString());
        return json;
    }

    public static ObjectNode user(User user, String orgSlug) {
        ObjectNode json = Json.object();
        json.put("id", user.id().toString());
        json.put("external_id", user.externalId());
        json.put("org", orgSlug);
        json.put("email", user.email().orElse(null));
        json.put("role", user.role().slug());
        json.put("enabled", user.enabled());
        json.put("bootstrap", user.isReserved());
        json.put("created_at", user.createdAt().toString());
        json.put("disabled_at", user.disabledAt().map(Instant::toString).orElse(null));
        return json;
    }

    public static ObjectNode builtInRole(BuiltInRole role) {
        ObjectNode json = Json.object();
        json.put("slug", role.slug());
        json.put("built_in", true);
        codes(json.putArray("permissions"), Permission.grantedBy(role));
        return json;
    }

    public static ObjectNode role(OrgRole role, Collection<String> members) {
        ObjectNode json = Json.object();
        json.put("id", role.id().toString());
        json.put("slug", role.slug());
        json.put("name", role.name());
        json.put("built_in", false);
        role.permissions().forEach(json.putArray("permissions")::add);
        members.forEach(json.putArray("members")::add);
        json.put("created_at", role.createdAt().toString());
        return json;
    }

    public static ObjectNode key(ApiKey key, Clock clock) {
        ObjectNode json = Json.object();
        json.put("key_uuid", key.keyUuid().toString());
        json.put("user", key.userExternalId());
        json.put("name", key.name());
        json.put("prefix", key.prefix());
        json.put("status", key.status(clock.instant()).name().toLowerCase(java.util.Locale.ROOT));
        json.put("created_at", key.createdAt().toString());
        json.put("last_used_at", text(key.lastUsedAt()));
        json.put("expires_at", text(key.expiresAt()));
        json.put("revoked_at", text(key.revokedAt()));
        return json;
    }

    /** A new key with its secret: the only time the secret is shown. */
    public static ObjectNode issued(IssuedKey issued, Clock clock) {
        ObjectNode json = key(issued.key(), clock);
        json.put("key", issued.secret());
        return json;
    }

    public static ObjectNode audit(AdminAudit.Entry entry) {
        ObjectNode json = Json.object();
        json.put("id", entry.id().toString());
        json.put("action", entry.action());
        json.put("subject", entry.subject());
        json.put("actor", entry.actor().map(Object::toString).orElse(null));
        json.set("details", entry.details());
        json.put("at", entry.at().toString());
        return json;
    }

    public static ObjectNode caller(Caller caller) {
        ObjectNode json = Json.object();
        json.set("user", user(caller.user(), caller.org().slug()));
        json.set("org", org(caller.org()));
        caller.roles().forEach(json.putArray("roles")::add);
        codes(json.putArray("permissions"), caller.permissions());
        json.put("authenticated_by", caller.via().name().toLowerCase(java.util.Locale.ROOT));
        return json;
    }

    private static void codes(ArrayNode array, Collection<Permission> permissions) {
        permissions.stream().map(Permission::code).sorted().forEach(array::add);
    }

    private static String text(Optional<Instant> instant) {
        return instant.map(Instant::toString).orElse(null);
    }
}
