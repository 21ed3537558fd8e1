package io.tasker.server.auth;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How callers authenticate: API keys (each with a name and permissions) and/or bearer JWTs. With neither, the API
 * is open, which the server only allows on a loopback address.
 */
public record AuthSettings(List<ApiKey> apiKeys, Optional<JwtSettings> jwt) {

    public static final AuthSettings NONE = new AuthSettings(List.of(), Optional.empty());

    /** An API key; {@code key} is the secret callers send in {@code X-API-Key}. */
    public record ApiKey(String name, String key, Set<Permission> permissions) {
        public ApiKey {
            permissions = Set.copyOf(permissions);
        }

        @Override
        public String toString() {
            return "ApiKey[" + name + "]";
        }
    }

    /**
     * Bearer JWT verification.
     *
     * @param algorithm        {@code HS256} or {@code RS256}
     * @param secret           the shared secret (HS256, at least 32 bytes)
     * @param publicKeyPem     the PEM public key (RS256)
     * @param issuer           required {@code iss}, if set
     * @param audience         required {@code aud}, if set
     * @param permissionsClaim claim holding the permissions (a list, or a space-separated string)
     */
    public record JwtSettings(String algorithm, Optional<String> secret, Optional<String> publicKeyPem,
                              Optional<String> issuer, Optional<String> audience, String permissionsClaim) {
        @Override
        public String toString() {
            return "JwtSettings[" + algorithm + "]";
        }
    }

    public AuthSettings {
        apiKeys = List.copyOf(apiKeys);
    }

    public boolean enabled() {
        return !apiKeys.isEmpty() || jwt.isPresent();
    }
}
