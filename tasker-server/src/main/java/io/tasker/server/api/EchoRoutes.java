package io.tasker.server.api;

import io.javalin.http.Context;
import io.tasker.json.Json;
import io.tasker.json.JsonFormatException;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /echo}: answers 200 with the JSON document it was sent. A target that exists on every Tasker server,
 * so that a template's built-in {@code http} step works on a fresh machine (the README's example) and can be tried
 * before pointing it at a real service. Open like {@code /health}: it reads nothing and stores nothing.
 */
public final class EchoRoutes {

    public void register(RouteTable routes) {
        routes.openPost("/echo", EchoRoutes::echo);
    }

    private static void echo(Context ctx) {
        JsonBody.requireJson(ctx);
        String text = ctx.body();
        JsonNode body;
        try {
            body = text.isBlank() ? Json.object() : Json.parse(text);
        } catch (JsonFormatException e) {
            throw new FieldException("body", e.getMessage());
        }
        ctx.contentType("application/json").result(Json.write(body));
    }
}
