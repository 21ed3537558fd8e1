package io.tasker.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.tasker.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.ParseException;
import java.time.Clock;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a request's credentials: {@code X-API-Key} against the configured keys (compared in constant time), or
 * {@code Authorization: Bearer <jwt>} against the configured key, issuer, audience and expiry. A request carries one
 * credential: with both headers it is refused, so a valid key cannot lend its authority to a forged token.
 */
public final class Authenticator {

    /**
     * Leeway for clocks that disagree: a token is accepted up to this long after its {@code exp} and before its
     * {@code nbf} (documented in configuration.md).
     */
    public static final long CLOCK_SKEW_SECONDS = 60;

    private final AuthSettings settings;
    private final Optional<JWSVerifier> verifier;
    private final Clock clock;

    public Authenticator(AuthSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.verifier = settings.jwt().map(Authenticator::verifier);
    }

    public boolean enabled() {
        return settings.enabled();
    }

    /** The caller, or an {@link AuthenticationException} (401) when credentials are missing or wrong. */
    public Principal authenticate(Optional<String> apiKey, Optional<String> authorization) {
        if (!settings.enabled()) {
            return Principal.ANONYMOUS;
        }
        if (apiKey.isPresent() && authorization.isPresent()) {
            throw AuthenticationException.unauthorized("send either X-API-Key or Authorization, not both");
        }
        if (apiKey.isPresent()) {
            byte[] presented = apiKey.get().getBytes(StandardCharsets.UTF_8);
            for (AuthSettings.ApiKey key : settings.apiKeys()) {
                if (MessageDigest.isEqual(presented, key.key().getBytes(StandardCharsets.UTF_8))) {
                    return new Principal(key.name(), key.permissions());
                }
            }
            throw AuthenticationException.unauthorized("the API key is not valid");
        }
        if (authorization.isPresent() && authorization.get().regionMatches(true, 0, "Bearer ", 0, 7)) {
            return fromJwt(authorization.get().substring(7).strip());
        }
        throw AuthenticationException.unauthorized("authentication required: send X-API-Key or Authorization: Bearer");
    }

    private Principal fromJwt(String token) {
        if (verifier.isEmpty()) {
            throw AuthenticationException.unauthorized("bearer tokens are not accepted by this server");
        }
        AuthSettings.JwtSettings jwt = settings.jwt().orElseThrow();
        try {
            SignedJWT signed = SignedJWT.parse(token);
            if (!signed.getHeader().getAlgorithm().getName().equals(jwt.algorithm())) {
                throw AuthenticationException.unauthorized("the token is not signed with " + jwt.algorithm());
            }
            if (!signed.verify(verifier.get())) {
                throw AuthenticationException.unauthorized("the token's signature is not valid");
            }
            JWTClaimsSet claims = signed.getJWTClaimsSet();
            Date now = Date.from(clock.instant());
            if (claims.getExpirationTime() == null
                    || claims.getExpirationTime().toInstant().plusSeconds(CLOCK_SKEW_SECONDS).isBefore(now.toInstant())) {
                throw AuthenticationException.unauthorized("the token has expired or has no expiry");
            }
            if (claims.getNotBeforeTime() != null
                    && claims.getNotBeforeTime().toInstant().minusSeconds(CLOCK_SKEW_SECONDS).isAfter(now.toInstant())) {
                throw AuthenticationException.unauthorized("the token is not valid yet");
            }
            if (jwt.issuer().isPresent() && !jwt.issuer().get().equals(claims.getIssuer())) {
                throw AuthenticationException.unauthorized("the token's issuer is not accepted");
            }
            if (jwt.audience().isPresent() && (claims.getAudience() == null
                    || !claims.getAudience().contains(jwt.audience().get()))) {
                throw AuthenticationException.unauthorized("the token's audience is not accepted");
            }
            String subject = claims.getSubject() == null ? "jwt" : claims.getSubject();
            return new Principal(subject, permissions(claims.getClaim(jwt.permissionsClaim())));
        } catch (ParseException | JOSEException e) {
            throw AuthenticationException.unauthorized("the token is not a valid JWT");
        }
    }

    private static Set<Permission> permissions(Object claim) {
        List<String> codes = switch (claim) {
            case null -> List.of();
            case String text -> List.of(text.split("\\s+"));
            case List<?> list -> list.stream().map(String::valueOf).toList();
            default -> List.of();
        };
        return parsePermissions(codes);
    }

    /** Permission codes to permissions; {@code *} means all. Unknown codes are ignored for tokens. */
    public static Set<Permission> parsePermissions(List<String> codes) {
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        for (String code : codes) {
            if (code.equals("*")) {
                return EnumSet.allOf(Permission.class);
            }
            Permission.fromCode(code).ifPresent(permissions::add);
        }
        return permissions;
    }

    private static JWSVerifier verifier(AuthSettings.JwtSettings jwt) {
        try {
            if (jwt.algorithm().equals(JWSAlgorithm.HS256.getName())) {
                byte[] secret = jwt.secret().orElseThrow(() ->
                        new InvalidInputException("auth.jwt.secret is required for HS256")).getBytes(StandardCharsets.UTF_8);
                if (secret.length < 32) {
                    throw new InvalidInputException("auth.jwt.secret must be at least 32 bytes for HS256");
                }
                return new MACVerifier(secret);
            }
            if (jwt.algorithm().equals(JWSAlgorithm.RS256.getName())) {
                String pem = jwt.publicKeyPem().orElseThrow(() ->
                        new InvalidInputException("auth.jwt.public_key_pem is required for RS256"));
                return new RSASSAVerifier(rsaPublicKey(pem));
            }
            throw new InvalidInputException("auth.jwt.algorithm must be HS256 or RS256, got " + jwt.algorithm());
        } catch (JOSEException e) {
            throw new InvalidInputException("auth.jwt: cannot use the configured key: " + e.getMessage());
        }
    }

    /** A PEM "PUBLIC KEY" (X.509 SubjectPublicKeyInfo) to an RSA key, with the JDK alone. */
    private static java.security.interfaces.RSAPublicKey rsaPublicKey(String pem) {
        String base64 = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        try {
            byte[] der = java.util.Base64.getDecoder().decode(base64);
            return (java.security.interfaces.RSAPublicKey) java.security.KeyFactory.getInstance("RSA")
                    .generatePublic(new java.security.spec.X509EncodedKeySpec(der));
        } catch (IllegalArgumentException | java.security.GeneralSecurityException | ClassCastException e) {
            throw new InvalidInputException("auth.jwt.public_key_pem is not an RSA public key in PEM format");
        }
    }
}
