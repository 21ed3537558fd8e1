package io.tasker.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.tasker.server.ApiClient;
import io.tasker.server.Servers;
import io.tasker.server.TaskerServer;
import io.tasker.testing.DatabaseTest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** One credential per request, and the documented leeway of 60 s on a token's expiry, no more. */
@DatabaseTest
class CredentialRulesTest {

    private static final String SECRET = "a-shared-secret-of-at-least-32-bytes!";
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final AuthSettings.JwtSettings JWT = new AuthSettings.JwtSettings("HS256", Optional.of(SECRET),
            Optional.empty(), Optional.empty(), Optional.empty(), "permissions");

    private static String token(Instant expires, String secret) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder().subject("svc")
                .expirationTime(Date.from(expires)).claim("permissions", List.of("tasks:read")).build());
        jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    @Test
    void a_valid_api_key_next_to_a_forged_token_is_refused(DataSource dataSource) throws Exception {
        AuthSettings auth = new AuthSettings(List.of(new AuthSettings.ApiKey("ops", "ops-key-0123456789",
                Set.of(Permission.TASKS_READ))), Optional.of(JWT));
        try (TaskerServer server = Servers.start(dataSource, auth)) {
            ApiClient withKey = new ApiClient(server.baseUrl()).with("X-API-Key", "ops-key-0123456789");
            String forged = token(Instant.now().plusSeconds(3600), "another-secret-of-at-least-32-bytes-long");

            ApiClient.Response both = withKey.with("Authorization", "Bearer " + forged).get("/v1/tasks");
            assertThat(both.status()).isEqualTo(401);
            assertThat(both.json().path("message").asString()).contains("not both");
            assertThat(withKey.get("/v1/tasks").status()).isEqualTo(200);
        }
    }

    @Test
    void an_expired_token_is_accepted_for_the_documented_leeway_and_not_a_second_more() throws Exception {
        JwtVerifier verifier = new JwtVerifier(JWT, Clock.fixed(NOW, ZoneOffset.UTC));
        long leeway = JwtVerifier.CLOCK_SKEW_SECONDS;
        assertThat(verifier.verify(token(NOW.minusSeconds(leeway - 1), SECRET)).getSubject()).isEqualTo("svc");
        assertThatThrownBy(() -> verifier.verify(token(NOW.minusSeconds(leeway + 1), SECRET)))
                .isInstanceOf(AuthenticationException.class).hasMessageContaining("expired");
    }
}
