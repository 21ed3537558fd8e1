package io.tasker.server.api;

import io.javalin.http.Context;
import io.tasker.server.auth.Caller;

/**
 * The authenticated caller of a request, set by the server's authentication step before any route that needs a
 * permission (or authentication) runs. Routes of every layer read the caller's org and user from here.
 */
public final class Callers {

    static final String ATTRIBUTE = "tasker.caller";

    private Callers() {
    }

    public static void set(Context ctx, Caller caller) {
        ctx.attribute(ATTRIBUTE, caller);
    }

    /** The caller; only open routes (health, metrics, API docs) have none, and they must not ask. */
    public static Caller of(Context ctx) {
        Caller caller = ctx.attribute(ATTRIBUTE);
        if (caller == null) {
            throw new IllegalStateException("no caller on " + ctx.method() + " " + ctx.path()
                    + ": the route is open, so it cannot ask who calls");
        }
        return caller;
    }

    /**
     * Who acts, as audit columns record it: the caller's user id. Only the anonymous caller of a server without
     * authentication may name someone in {@code byField} (e.g. an operator's name on a local server).
     */
    static String actor(Context ctx, JsonBody body, String byField) {
        Caller caller = of(ctx);
        if (caller.via() == Caller.Via.ANONYMOUS) {
            return body.text(byField, 128).filter(s -> !s.isBlank()).orElse(caller.actor());
        }
        return caller.actor();
    }
}
