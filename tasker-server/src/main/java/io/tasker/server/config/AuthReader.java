package io.tasker.server.config;

import io.tasker.json.Json;
import io.tasker.server.auth.AuthSettings;
import io.tasker.server.auth.Grants;
import io.tasker.server.auth.JwtVerifier;
import io.tasker.server.auth.Permission;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** Reads {@link AuthSettings}: the bootstrap API keys, JWT verification and sessions. */
final class AuthReader {

    private AuthReader() {
    }

    static AuthSettings auth(SettingValues values) {
        List<AuthSettings.ApiKey> keys = values.text("auth.api_keys").map(text -> apiKeys(values, text))
                .orElse(List.of());
        Optional<AuthSettings.JwtSettings> jwt = values.text("auth.jwt.algorithm").map(algorithm -> {
            String upper = algorithm.toUpperCase(Locale.ROOT);
            if (!upper.equals("HS256") && !upper.equals("RS256")) {
                throw values.invalid("auth.jwt.algorithm", "must be HS256 or RS256");
            }
            return new AuthSettings.JwtSettings(upper, values.text("auth.jwt.secret"),
                    values.text("auth.jwt.public_key_pem"), values.text("auth.jwt.issuer"),
                    values.text("auth.jwt.audience"),
                    values.text("auth.jwt.permissions_claim").orElse("permissions"),
                    values.text("auth.jwt.org_claim").orElse(AuthSettings.DEFAULT_ORG_CLAIM));
        });
        jwt.ifPresent(j -> values.attempt("auth.jwt", () -> new JwtVerifier(j, Clock.systemUTC())));
        return new AuthSettings(keys, jwt, values.bool("auth.required", false),
                values.duration("auth.key_cache_seconds"), values.duration("auth.session_minutes"));
    }

    /** A JSON list of {name, key, permissions}, or {@code name=key:permission,permission;...}. */
    private static List<AuthSettings.ApiKey> apiKeys(SettingValues values, String text) {
        List<AuthSettings.ApiKey> keys = new ArrayList<>();
        if (text.strip().startsWith("[")) {
            for (JsonNode entry : Json.parse(text)) {
                if (!entry.isObject() || !entry.path("name").isString() || !entry.path("key").isString()
                        || !entry.path("permissions").isArray()) {
                    throw values.invalid("auth.api_keys", "each key needs name, key and a list of permissions");
                }
                List<String> codes = new ArrayList<>();
                entry.path("permissions").forEach(p -> codes.add(p.asString()));
                keys.add(apiKey(values, entry.path("name").asString(), entry.path("key").asString(), codes));
            }
        } else {
            for (String item : text.split(";")) {
                String[] nameAndRest = item.strip().split("=", 2);
                String[] keyAndPermissions = nameAndRest.length == 2 ? nameAndRest[1].split(":", 2) : new String[0];
                if (keyAndPermissions.length != 2) {
                    throw values.invalid("auth.api_keys", "expected name=key:permission,permission;...");
                }
                keys.add(apiKey(values, nameAndRest[0].strip(), keyAndPermissions[0].strip(),
                        Arrays.asList(keyAndPermissions[1].split(","))));
            }
        }
        AuthSettings.ApiKey.conflict(keys).ifPresent(problem -> {
            throw values.invalid("auth.api_keys", problem);
        });
        return keys;
    }

    private static AuthSettings.ApiKey apiKey(SettingValues values, String name, String key, List<String> codes) {
        if (name.isBlank() || key.length() < 8) {
            throw values.invalid("auth.api_keys", "each key needs a name and a key of at least 8 characters");
        }
        for (String code : codes) {
            String trimmed = code.strip();
            if (!trimmed.equals("*") && Permission.fromCode(trimmed).isEmpty()) {
                throw values.invalid("auth.api_keys", "unknown permission '" + trimmed + "' for key " + name);
            }
        }
        return new AuthSettings.ApiKey(name, key, Grants.parse(codes.stream().map(String::strip).toList()));
    }
}
