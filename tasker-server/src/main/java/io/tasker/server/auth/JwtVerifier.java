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
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;

/** Checks a bearer JWT's signature, algorithm, expiry, issuer and audience, and hands back its claims. */
public final class JwtVerifier {

    /**
     * Leeway for clocks that disagree: a token is accepted up to this long after its {@code exp} and before its
     * {@code nbf} (documented in configuration.md).
     */
    public static final long CLOCK_SKEW_SECONDS = 60;

    private final AuthSettings.JwtSettings settings;
    private final JWSVerifier verifier;
    private final Clock clock;

    /** Refuses (400) settings that cannot verify anything: a short secret, a missing or malformed key. */
    public JwtVerifier(AuthSettings.JwtSettings settings, Clock clock) {
        this.settings = settings;
        this.verifier = verifier(settings);
        this.clock = clock;
    }

    public AuthSettings.JwtSettings settings() {
        return settings;
    }

    /** The token's claims, or 401 naming what is wrong with it. */
    public JWTClaimsSet verify(String token) {
        try {
            SignedJWT signed = SignedJWT.parse(token);
            if (!signed.getHeader().getAlgorithm().getName().equals(settings.algorithm())) {
                throw AuthenticationException.unauthorized("the token is not signed with " + settings.algorithm());
            }
            if (!signed.verify(verifier)) {
                throw AuthenticationException.unauthorized("the token's signature is not valid");
            }
            JWTClaimsSet claims = signed.getJWTClaimsSet();
            Instant now = clock.instant();
            if (claims.getExpirationTime() == null
                    || claims.getExpirationTime().toInstant().plusSeconds(CLOCK_SKEW_SECONDS).isBefore(now)) {
                throw AuthenticationException.unauthorized("the token has expired or has no expiry");
            }
            if (claims.getNotBeforeTime() != null
                    && claims.getNotBeforeTime().toInstant().minusSeconds(CLOCK_SKEW_SECONDS).isAfter(now)) {
                throw AuthenticationException.unauthorized("the token is not valid yet");
            }
            if (settings.issuer().isPresent() && !settings.issuer().get().equals(claims.getIssuer())) {
                throw AuthenticationException.unauthorized("the token's issuer is not accepted");
            }
            if (settings.audience().isPresent() && (claims.getAudience() == null
                    || !claims.getAudience().contains(settings.audience().get()))) {
                throw AuthenticationException.unauthorized("the token's audience is not accepted");
            }
            return claims;
        } catch (ParseException | JOSEException e) {
            throw AuthenticationException.unauthorized("the token is not a valid JWT");
        }
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
