package io.tasker.server.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jwt.JWTClaimsSet;
import io.tasker.identity.Identity;
import io.tasker.identity.KeyOwner;
import io.tasker.identity.KeySecrets;
import io.tasker.identity.Member;
import io.tasker.identity.User;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Turns a request's credentials into a {@link Caller}. {@code X-API-Key} is first compared (in constant time) with
 * the bootstrap keys of the configuration, then looked up by its SHA-256 in the database; a lookup is reused for
 * {@code auth.key_cache_ttl} (at most 5 s), so a revoked key stops working within that. A bearer JWT's {@code sub}
 * is a user's external id and its org claim, when present, must be the user's org. A request carries one
 * credential: with both headers it is refused.
 */
public final class Authenticator {

    private static final long MAX_CACHED_KEYS = 10_000;

    private final AuthSettings settings;
    private final Identity identity;
    private final Optional<JwtVerifier> jwt;
    private final Clock clock;
    private final Cache<String, Optional<KeyOwner>> keys;
    private final ConcurrentMap<String, Member> reserved = new ConcurrentHashMap<>();

    public Authenticator(AuthSettings settings, Identity identity, Clock clock) {
        this.settings = settings;
        this.identity = identity;
        this.clock = clock;
        this.jwt = settings.jwt().map(j -> new JwtVerifier(j, clock));
        this.keys = Caffeine.newBuilder()
                .expireAfterWrite(settings.keyCacheTtl())
                .maximumSize(MAX_CACHED_KEYS)
                .ticker(() -> clock.millis() * 1_000_000L)
                .build();
    }

    public boolean enabled() {
        return settings.enabled();
    }

    /** Forget cached key lookups (after this process changed keys, users or roles). */
    public void invalidate() {
        keys.invalidateAll();
    }

    /**
     * The caller, or an {@link AuthenticationException} (401) when credentials are missing or wrong. Credentials
     * are checked even when authentication is off; without any, that server's caller is the anonymous one.
     */
    public Caller authenticate(Optional<String> apiKey, Optional<String> authorization) {
        if (apiKey.isPresent() && authorization.isPresent()) {
            // One credential per request: a valid key must not lend its authority to an unchecked token.
            throw AuthenticationException.unauthorized("send either X-API-Key or Authorization, not both");
        }
        if (apiKey.isPresent()) {
            return fromKey(apiKey.get());
        }
        if (authorization.isPresent() && authorization.get().regionMatches(true, 0, "Bearer ", 0, 7)) {
            return fromJwt(authorization.get().substring(7).strip());
        }
        if (!settings.enabled()) {
            Member anonymous = reserved("anonymous");
            return new Caller(anonymous.org(), anonymous.user(), List.of("bootstrap"), EnumSet.allOf(Permission.class),
                    Caller.Via.ANONYMOUS);
        }
        throw AuthenticationException.unauthorized("authentication required: send X-API-Key or Authorization: Bearer");
    }

    private Caller fromKey(String secret) {
        byte[] presented = secret.getBytes(StandardCharsets.UTF_8);
        for (AuthSettings.ApiKey key : settings.apiKeys()) {
            if (MessageDigest.isEqual(presented, key.key().getBytes(StandardCharsets.UTF_8))) {
                Member member = reserved("bootstrap:" + key.name());
                return new Caller(member.org(), member.user(), List.of("bootstrap"), key.permissions(),
                        Caller.Via.BOOTSTRAP_KEY);
            }
        }
        KeyOwner owner = keys.get(KeySecrets.hash(secret), hash -> identity.keys().lookup(secret))
                .orElseThrow(() -> AuthenticationException.unauthorized("the API key is not valid"));
        switch (owner.key().status(clock.instant())) {
            case REVOKED -> throw AuthenticationException.unauthorized("key revoked");
            case EXPIRED -> throw AuthenticationException.unauthorized("key expired");
            case ACTIVE -> { }
        }
        return member(owner.member(), Caller.Via.API_KEY, Optional.empty());
    }

    private Caller fromJwt(String token) {
        JwtVerifier verifier = jwt.orElseThrow(() ->
                AuthenticationException.unauthorized("bearer tokens are not accepted by this server"));
        JWTClaimsSet claims = verifier.verify(token);
        String subject = claims.getSubject();
        if (subject == null || subject.isBlank() || subject.startsWith(User.RESERVED_PREFIX)) {
            throw AuthenticationException.unauthorized("the token has no subject that can be a user");
        }
        User user = identity.users().findByExternalId(subject)
                .orElseThrow(() -> AuthenticationException.unauthorized("unknown user '" + subject + "'"));
        Member member = identity.users().member(user);
        Object org = claims.getClaim(verifier.settings().orgClaim());
        if (org != null && !member.org().slug().equals(String.valueOf(org))) {
            throw AuthenticationException.unauthorized("user '" + subject + "' is not a member of org '" + org + "'");
        }
        return member(member, Caller.Via.JWT, narrowing(claims, verifier.settings().permissionsClaim()));
    }

    private static Caller member(Member member, Caller.Via via, Optional<Set<Permission>> narrowedTo) {
        if (!member.user().enabled()) {
            throw AuthenticationException.unauthorized("user '" + member.user().externalId() + "' is disabled");
        }
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        permissions.addAll(Grants.of(member));
        narrowedTo.ifPresent(permissions::retainAll);
        return new Caller(member.org(), member.user(), Grants.roles(member), permissions, via);
    }

    /** A token's permissions claim, when present, narrows what the user may do (it never widens it). */
    private static Optional<Set<Permission>> narrowing(JWTClaimsSet claims, String claimName) {
        Object claim = claims.getClaim(claimName);
        List<String> codes = switch (claim) {
            case null -> null;
            case String text -> List.of(text.split("\\s+"));
            case List<?> list -> list.stream().map(String::valueOf).toList();
            default -> List.of();
        };
        return Optional.ofNullable(codes).map(Grants::parse);
    }

    private Member reserved(String name) {
        return reserved.computeIfAbsent(name, n -> identity.users().member(identity.users().reserved(n)));
    }
}
