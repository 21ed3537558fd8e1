package io.tasker.server.ui;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.javalin.http.Context;
import io.tasker.server.auth.AuthenticationException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * Browser sessions of the dashboard, in this process's memory. A session holds the API key its user logged in with,
 * so every request is authenticated with that key again: a revoked key or a disabled user stops the session within
 * {@code auth.key_cache_seconds}. The cookie carries only a random id; actions (any method but GET, HEAD, OPTIONS)
 * must also send the session's CSRF token in {@code X-CSRF-Token}, which a page of another site cannot read.
 */
public final class UiSessions {

    public static final String COOKIE = "tasker_session";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final long MAX_SESSIONS = 100_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A logged-in browser: the key it authenticates with and the token its actions must carry. */
    record Session(String id, String apiKey, String csrfToken) {
        @Override
        public String toString() {
            return "Session[" + id.substring(0, 6) + "…]";
        }
    }

    private final Cache<String, Session> sessions;
    private final Duration ttl;

    public UiSessions(Duration ttl, Clock clock) {
        this.ttl = ttl;
        this.sessions = Caffeine.newBuilder()
                .expireAfterWrite(ttl)
                .maximumSize(MAX_SESSIONS)
                .ticker(() -> clock.millis() * 1_000_000L)
                .build();
    }

    Session open(String apiKey) {
        Session session = new Session(randomToken(), apiKey, randomToken());
        sessions.put(session.id(), session);
        return session;
    }

    void close(Context ctx) {
        cookie(ctx).ifPresent(sessions::invalidate);
    }

    Optional<Session> of(Context ctx) {
        return cookie(ctx).map(sessions::getIfPresent);
    }

    /**
     * The API key a request authenticates with: its own {@code X-API-Key}; else, when it sends no
     * {@code Authorization} either, the key its dashboard session logged in with (see {@link #apiKey}).
     */
    public Optional<String> requestKey(Context ctx) {
        Optional<String> own = Optional.ofNullable(ctx.header("X-API-Key"));
        return own.isPresent() || ctx.header("Authorization") != null ? own : apiKey(ctx);
    }

    /**
     * The API key of the request's session, for a request that sent no credentials of its own; a session's action
     * without the matching CSRF token is refused (403) before anything runs.
     */
    public Optional<String> apiKey(Context ctx) {
        Optional<Session> session = of(ctx);
        if (session.isPresent() && !SAFE_METHODS.contains(ctx.method().name())) {
            String sent = Optional.ofNullable(ctx.header(CSRF_HEADER)).orElse("");
            if (!MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                    session.get().csrfToken().getBytes(StandardCharsets.UTF_8))) {
                throw AuthenticationException.forbidden("missing or wrong " + CSRF_HEADER + " for this session");
            }
        }
        return session.map(Session::apiKey);
    }

    /** Sets the session cookie: HttpOnly, SameSite=Strict, Secure when the request came over HTTPS. */
    void setCookie(Context ctx, Session session) {
        ctx.header("Set-Cookie", COOKIE + "=" + session.id() + "; Path=/; Max-Age=" + ttl.toSeconds()
                + "; HttpOnly; SameSite=Strict" + (secure(ctx) ? "; Secure" : ""));
    }

    void clearCookie(Context ctx) {
        ctx.header("Set-Cookie", COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict"
                + (secure(ctx) ? "; Secure" : ""));
    }

    private static boolean secure(Context ctx) {
        return "https".equalsIgnoreCase(ctx.scheme()) || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
    }

    private static Optional<String> cookie(Context ctx) {
        return Optional.ofNullable(ctx.cookie(COOKIE)).filter(id -> !id.isBlank());
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
