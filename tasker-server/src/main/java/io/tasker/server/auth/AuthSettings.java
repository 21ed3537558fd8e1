package io.tasker.server.auth;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How callers authenticate. API keys of users live in the database; the keys listed here (from {@code tasker.yaml})
 * are bootstrap keys of the default org, each with the permissions written beside it. Bearer JWTs map their
 * subject to a user. With no key here, no JWT and {@code required} off, the API is open, which the server only
 * allows on a loopback address.
 *
 * @param apiKeys     bootstrap keys
 * @param jwt         bearer token verification, if tokens are accepted
 * @param required    require credentials even when no bootstrap key or JWT is configured (database keys only)
 * @param keyCacheTtl how long a database key's lookup is reused; a revoked key stops working within this
 * @param sessionTtl  how long a dashboard login lasts before the browser must log in again
 */
public record AuthSettings(List<ApiKey> apiKeys, Optional<JwtSettings> jwt, boolean required, Duration keyCacheTtl,
                           Duration sessionTtl) {

    public static final Duration DEFAULT_KEY_CACHE_TTL = Duration.ofSeconds(2);
    /** Revocation must take effect within 5 s, so a lookup is never reused longer. */
    public static final Duration MAX_KEY_CACHE_TTL = Duration.ofSeconds(5);
    public static final String DEFAULT_ORG_CLAIM = "org";
    /** A working day: long enough for a shift at the dashboard, short enough that a forgotten browser logs out. */
    public static final Duration DEFAULT_SESSION_TTL = Duration.ofHours(8);
    public static final Duration MIN_SESSION_TTL = Duration.ofMinutes(5);
    public static final Duration MAX_SESSION_TTL = Duration.ofDays(7);

    public static final AuthSettings NONE = new AuthSettings(List.of(), Optional.empty());

    /** A bootstrap API key; {@code key} is the secret callers send in {@code X-API-Key}. */
    public record ApiKey(String name, String key, Set<Permission> permissions) {
        public ApiKey {
            permissions = Set.copyOf(permissions);
        }

        @Override
        public String toString() {
            return "ApiKey[" + name + "]";
        }

        /**
         * Why these keys cannot be configured together, if they cannot: a repeated name makes the logs ambiguous; a
         * repeated secret would grant whichever entry came first. The secret itself is never named.
         */
        public static Optional<String> conflict(List<ApiKey> keys) {
            Set<String> names = new HashSet<>();
            Set<String> secrets = new HashSet<>();
            for (ApiKey key : keys) {
                if (!names.add(key.name())) {
                    return Optional.of("the name '" + key.name() + "' is used by more than one key");
                }
                if (!secrets.add(key.key())) {
                    return Optional.of("key '" + key.name() + "' has the same secret as another key");
                }
            }
            return Optional.empty();
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
     * @param permissionsClaim claim that may narrow the user's permissions (a list, or a space-separated string)
     * @param orgClaim         claim holding the org's slug; when present it must be the user's org
     */
    public record JwtSettings(String algorithm, Optional<String> secret, Optional<String> publicKeyPem,
                              Optional<String> issuer, Optional<String> audience, String permissionsClaim,
                              String orgClaim) {

        public JwtSettings(String algorithm, Optional<String> secret, Optional<String> publicKeyPem,
                           Optional<String> issuer, Optional<String> audience, String permissionsClaim) {
            this(algorithm, secret, publicKeyPem, issuer, audience, permissionsClaim, DEFAULT_ORG_CLAIM);
        }

        @Override
        public String toString() {
            return "JwtSettings[" + algorithm + "]";
        }
    }

    public AuthSettings {
        apiKeys = List.copyOf(apiKeys);
        if (keyCacheTtl.isNegative() || keyCacheTtl.compareTo(MAX_KEY_CACHE_TTL) > 0) {
            throw new io.tasker.InvalidInputException("auth.key_cache_ttl: must be between 0s and "
                    + MAX_KEY_CACHE_TTL.toSeconds() + "s (revocation takes effect within it)");
        }
        if (sessionTtl.compareTo(MIN_SESSION_TTL) < 0 || sessionTtl.compareTo(MAX_SESSION_TTL) > 0) {
            throw new io.tasker.InvalidInputException("auth.session_minutes: must be between "
                    + MIN_SESSION_TTL.toMinutes() + " and " + MAX_SESSION_TTL.toMinutes() + " minutes");
        }
    }

    public AuthSettings(List<ApiKey> apiKeys, Optional<JwtSettings> jwt) {
        this(apiKeys, jwt, false, DEFAULT_KEY_CACHE_TTL, DEFAULT_SESSION_TTL);
    }

    public AuthSettings withRequired(boolean value) {
        return new AuthSettings(apiKeys, jwt, value, keyCacheTtl, sessionTtl);
    }

    public AuthSettings withKeyCacheTtl(Duration value) {
        return new AuthSettings(apiKeys, jwt, required, value, sessionTtl);
    }

    public AuthSettings withSessionTtl(Duration value) {
        return new AuthSettings(apiKeys, jwt, required, keyCacheTtl, value);
    }

    /** Whether callers must authenticate. */
    public boolean enabled() {
        return required || !apiKeys.isEmpty() || jwt.isPresent();
    }
}
