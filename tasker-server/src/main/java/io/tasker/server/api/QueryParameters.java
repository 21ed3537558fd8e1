package io.tasker.server.api;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.tasker.json.StorableJson;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Query parameters are held to the rules of body fields: one the endpoint does not know is a 400 naming it (the
 * OpenAPI document lists each endpoint's parameters, so the two cannot drift apart), a parameter may be given once,
 * and no value may hold a NUL character.
 */
public final class QueryParameters {

    private final Map<String, Set<String>> byOperation = new HashMap<>();

    public QueryParameters(JsonNode openApi) {
        JsonNode shared = openApi.path("components").path("parameters");
        openApi.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            Set<String> names = new HashSet<>();
            operation.getValue().path("parameters").forEach(parameter -> {
                JsonNode resolved = parameter.has("$ref")
                        ? shared.path(parameter.path("$ref").asString().replace("#/components/parameters/", ""))
                        : parameter;
                if (resolved.path("in").asString().equals("query")) {
                    names.add(resolved.path("name").asString());
                }
            });
            byOperation.put(operation.getKey() + " " + path.getKey(), names);
        }));
    }

    /** Checks the request's query parameters against its matched route. */
    public void check(Context ctx) {
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        if (endpoint == null) {
            return;
        }
        Set<String> known = byOperation.getOrDefault(
                endpoint.method.name().toLowerCase(Locale.ROOT) + " " + endpoint.path, Set.of());
        for (Map.Entry<String, List<String>> parameter : ctx.queryParamMap().entrySet()) {
            String name = StorableJson.withoutNul(parameter.getKey());
            if (!known.contains(parameter.getKey())) {
                throw new FieldException(name, "unknown query parameter");
            }
            if (parameter.getValue().size() > 1) {
                throw new FieldException(name, "must be given once");
            }
            for (String value : parameter.getValue()) {
                StorableJson.text(value, name).ifPresent(problem -> {
                    throw new FieldException(problem.path(), problem.reason());
                });
            }
        }
    }
}
