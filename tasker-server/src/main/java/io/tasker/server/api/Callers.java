package io.tasker.server.api;

import io.javalin.http.Context;
import io.tasker.server.auth.Principal;

/** The authenticated caller of a request (set by the server's authentication step). */
public final class Callers {

    static final String ATTRIBUTE = "tasker.principal";

    private Callers() {
    }

    public static void set(Context ctx, Principal principal) {
        ctx.attribute(ATTRIBUTE, principal);
    }

    public static Principal of(Context ctx) {
        Principal principal = ctx.attribute(ATTRIBUTE);
        return principal == null ? Principal.ANONYMOUS : principal;
    }

    /**
     * Who acts: the authenticated caller; without authentication, the name the body gives in {@code byField} (or
     * "anonymous"). An authenticated caller cannot act in someone else's name.
     */
    static String actor(Context ctx, JsonBody body, String byField) {
        Principal principal = of(ctx);
        if (principal != Principal.ANONYMOUS) {
            return principal.name();
        }
        return body.text(byField, 128).filter(s -> !s.isBlank()).orElse(principal.name());
    }
}
