package io.tasker.server.api;

import io.javalin.http.Context;
import io.tasker.identity.Identity;
import io.tasker.identity.Org;
import io.tasker.identity.Orgs;
import io.tasker.server.auth.Caller;
import io.tasker.server.auth.Permission;
import java.util.Optional;
import java.util.UUID;

/**
 * Which org an admin request acts on: the caller's own, or (with {@code orgs:manage}) the one named by the
 * {@code org} query parameter or body field.
 */
final class AdminScope {

    private final Identity identity;

    AdminScope(Identity identity) {
        this.identity = identity;
    }

    /** The org of a request that may name one in {@code ?org=}. */
    Org fromQuery(Context ctx) {
        return resolve(Callers.of(ctx), Params.query(ctx, "org", Orgs.SLUG, "an org slug"));
    }

    /** The org of a request that may name one in its body's {@code org} field. */
    Org fromBody(Context ctx, JsonBody body) {
        Optional<String> slug = body.text("org", 63);
        if (slug.isPresent() && !Orgs.SLUG.matcher(slug.get()).matches()) {
            throw new FieldException("org", "is not an org slug");
        }
        return resolve(Callers.of(ctx), slug);
    }

    static Optional<UUID> actor(Context ctx) {
        return Optional.of(Callers.of(ctx).userId());
    }

    private Org resolve(Caller caller, Optional<String> slug) {
        if (slug.isEmpty() || slug.get().equals(caller.org().slug())) {
            return caller.org();
        }
        caller.require(Permission.ORGS_MANAGE);
        return identity.orgs().get(slug.get());
    }
}
