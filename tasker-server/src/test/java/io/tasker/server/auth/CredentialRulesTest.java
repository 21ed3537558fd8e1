package io.tasker.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** One credential per request, and the documented leeway of 60 s on a token's expiry, no more. */
class CredentialRulesTest {

    private static final String SECRET = "a-shared-secret-of-at-least-32-bytes!";
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final AuthSettings SETTINGS = new AuthSettings(
            List.of(new AuthSettings.ApiKey("ops", "ops-key-0123456789", Set.of(Permission.TASKS_READ))),
            Optional.of(new AuthSettings.JwtSettings("HS256", Optional.of(SECRET), Optional.empty(), Optional.empty(),
                    Optional.empty(), "permissions")));

    private final Authenticator authenticator = new Authenticator(SETTINGS, Clock.fixed(NOW, ZoneOffset.UTC));

    private static String token(Instant expires, String secret) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder().subject("svc")
                .expirationTime(Date.from(expires)).claim("permissions", List.of("tasks:read")).build());
        jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    @Test
    void a_valid_api_key_next_to_a_forged_token_is_refused() throws Exception {
        String forged = token(NOW.plusSeconds(3600), "another-secret-of-at-least-32-bytes-long");
        assertThatThrownBy(() -> authenticator.authenticate(Optional.of("ops-key-0123456789"),
                Optional.of("Bearer " + forged)))
                .isInstanceOf(AuthenticationException.class).hasMessageContaining("not both");
        assertThat(authenticator.authenticate(Optional.of("ops-key-0123456789"), Optional.empty()).name())
                .isEqualTo("ops");
    }

    @Test
    void an_expired_token_is_accepted_for_the_documented_leeway_and_not_a_second_more() throws Exception {
        long leeway = Authenticator.CLOCK_SKEW_SECONDS;
        assertThat(authenticator.authenticate(Optional.empty(),
                Optional.of("Bearer " + token(NOW.minusSeconds(leeway - 1), SECRET))).name()).isEqualTo("svc");
        assertThatThrownBy(() -> authenticator.authenticate(Optional.empty(),
                Optional.of("Bearer " + token(NOW.minusSeconds(leeway + 1), SECRET))))
                .isInstanceOf(AuthenticationException.class).hasMessageContaining("expired");
    }
}
