package io.tasker.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.tasker.InvalidInputException;
import io.tasker.identity.BuiltInRole;
import io.tasker.identity.Identity;
import io.tasker.identity.Org;
import io.tasker.server.auth.AuthSettings;
import io.tasker.server.auth.Permission;
import io.tasker.testing.DatabaseTest;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** API keys and bearer JWTs, allowed and denied per permission; health stays open, detailed health does not. */
@DatabaseTest
class AuthApiTest {

    private static final String SECRET = "a-shared-secret-of-at-least-32-bytes!";
    private static final Map<String, Object> TASK = Map.of("namespace", "linear_workflow",
            "name", "mathematical_sequence", "context", Map.of("even_number", 2));

    private static AuthSettings keys() {
        return new AuthSettings(List.of(
                new AuthSettings.ApiKey("reader", "key-reader", Set.of(Permission.TASKS_READ)),
                new AuthSettings.ApiKey("creator", "key-creator", Set.of(Permission.TASKS_CREATE, Permission.TASKS_READ)),
                new AuthSettings.ApiKey("admin", "key-admin", EnumSet.allOf(Permission.class))), Optional.empty());
    }

    @Test
    void each_endpoint_needs_its_permission(DataSource dataSource) {
        try (TaskerServer server = Servers.start(dataSource, keys())) {
            ApiClient anonymous = new ApiClient(server.baseUrl());
            ApiClient reader = anonymous.with("X-API-Key", "key-reader");
            ApiClient creator = anonymous.with("X-API-Key", "key-creator");
            ApiClient admin = anonymous.with("X-API-Key", "key-admin");

            assertThat(anonymous.get("/v1/tasks").status()).isEqualTo(401);
            assertThat(anonymous.get("/v1/tasks").json().path("error").asString()).isEqualTo("unauthorized");
            assertThat(anonymous.with("X-API-Key", "wrong").get("/v1/tasks").status()).isEqualTo(401);
            assertThat(reader.get("/v1/tasks").status()).isEqualTo(200);

            ApiClient.Response denied = reader.post("/v1/tasks", TASK);
            assertThat(denied.status()).isEqualTo(403);
            assertThat(denied.json().path("message").asString()).isEqualTo("'reader' lacks the permission tasks:create");
            ApiClient.Response created = creator.post("/v1/tasks", TASK);
            assertThat(created.status()).isEqualTo(201);
            String task = created.json().path("task_uuid").asString();

            assertThat(creator.delete("/v1/tasks/" + task).status()).as("no tasks:cancel").isEqualTo(403);
            assertThat(reader.get("/v1/templates").status()).as("no templates:read").isEqualTo(403);
            assertThat(admin.get("/v1/templates").status()).isEqualTo(200);
            assertThat(reader.post("/v1/workers/claims", Map.of("namespace", "x")).status()).isEqualTo(403);
            assertThat(reader.get("/v1/system/info").status()).isEqualTo(403);
            assertThat(admin.get("/v1/system/info").status()).isEqualTo(200);

            for (String open : List.of("/health", "/health/live", "/health/ready", "/metrics", "/api-docs/openapi.json")) {
                assertThat(anonymous.get(open).status()).as(open).isEqualTo(200);
            }
            assertThat(anonymous.post("/echo", Map.of("hello", "world")).json().path("hello").asString())
                    .isEqualTo("world");
            ApiClient.Response detailed = anonymous.get("/health/detailed");
            assertThat(detailed.status()).as("shows the database's address and user").isEqualTo(401);
            assertThat(detailed.body()).doesNotContain("jdbc");
            assertThat(reader.get("/health/detailed").status()).as("no system:read").isEqualTo(403);
            assertThat(admin.get("/health/detailed").json().path("info").path("database").asString()).isNotEmpty();
        }
    }

    @Test
    void hs256_tokens_are_accepted_with_their_permissions_and_refused_when_expired(DataSource dataSource)
            throws Exception {
        AuthSettings auth = new AuthSettings(List.of(), Optional.of(new AuthSettings.JwtSettings("HS256",
                Optional.of(SECRET), Optional.empty(), Optional.of("https://issuer.example"),
                Optional.of("tasker"), "permissions")));
        user(dataSource, "alice", BuiltInRole.DEVELOPER);
        try (TaskerServer server = Servers.start(dataSource, auth)) {
            ApiClient api = new ApiClient(server.baseUrl());
            String good = hs256(claims("alice", List.of("tasks:read", "tasks:create"), 600).build());
            assertThat(api.with("Authorization", "Bearer " + good).post("/v1/tasks", TASK).status()).isEqualTo(201);
            assertThat(api.with("Authorization", "Bearer " + good).delete("/v1/tasks/01900000-0000-7000-8000-000000000001")
                    .status()).isEqualTo(403);
            String expired = hs256(claims("alice", List.of("*"), -3600).build());
            assertThat(api.with("Authorization", "Bearer " + expired).get("/v1/tasks").status()).isEqualTo(401);
            String wrongIssuer = hs256(claims("alice", List.of("*"), 600).issuer("https://evil.example").build());
            assertThat(api.with("Authorization", "Bearer " + wrongIssuer).get("/v1/tasks").status()).isEqualTo(401);
            String tampered = good.substring(0, good.length() - 4) + "AAAA";
            assertThat(api.with("Authorization", "Bearer " + tampered).get("/v1/tasks").status()).isEqualTo(401);
            assertThat(api.with("Authorization", "Bearer not.a.jwt").get("/v1/tasks").status()).isEqualTo(401);
        }
    }

    @Test
    void a_tokens_subject_is_a_user_whose_roles_decide_and_whose_org_must_match(DataSource dataSource)
            throws Exception {
        AuthSettings auth = new AuthSettings(List.of(), Optional.of(new AuthSettings.JwtSettings("HS256",
                Optional.of(SECRET), Optional.empty(), Optional.empty(), Optional.empty(), "permissions")));
        user(dataSource, "alice", BuiltInRole.DEVELOPER);
        try (TaskerServer server = Servers.start(dataSource, auth)) {
            ApiClient api = new ApiClient(server.baseUrl());
            String plain = hs256(claims("alice", List.of(), 600).claim("permissions", null).build());
            String missing = "/v1/tasks/01900000-0000-7000-8000-000000000001";
            assertThat(api.with("Authorization", "Bearer " + plain).delete(missing).status())
                    .as("a developer may cancel: the task is just not there").isEqualTo(404);
            assertThat(api.with("Authorization", "Bearer " + plain).get("/v1/dlq").status())
                    .as("a developer has no dlq:read").isEqualTo(403);
            ApiClient.Response unknown = api.with("Authorization", "Bearer "
                    + hs256(claims("mallory", List.of("*"), 600).build())).get("/v1/tasks");
            assertThat(unknown.status()).isEqualTo(401);
            assertThat(unknown.json().path("message").asString()).isEqualTo("unknown user 'mallory'");
            String ownOrg = hs256(claims("alice", List.of("*"), 600).claim("org", "default").build());
            assertThat(api.with("Authorization", "Bearer " + ownOrg).get("/v1/tasks").status()).isEqualTo(200);
            String otherOrg = hs256(claims("alice", List.of("*"), 600).claim("org", "acme").build());
            assertThat(api.with("Authorization", "Bearer " + otherOrg).get("/v1/tasks").status()).isEqualTo(401);
            String reserved = hs256(claims("tasker:anonymous", List.of("*"), 600).build());
            assertThat(api.with("Authorization", "Bearer " + reserved).get("/v1/tasks").status()).isEqualTo(401);
        }
    }

    private static void user(DataSource dataSource, String externalId, BuiltInRole role) {
        Identity.of(dataSource, java.time.Clock.systemUTC(), Permission.codes()).users()
                .create(Org.DEFAULT_ID, externalId, Optional.empty(), role, Optional.empty());
    }

    @Test
    void rs256_tokens_are_verified_with_the_public_key(DataSource dataSource) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        AuthSettings auth = new AuthSettings(List.of(), Optional.of(new AuthSettings.JwtSettings("RS256",
                Optional.empty(), Optional.of(pem), Optional.empty(), Optional.empty(), "permissions")));
        user(dataSource, "svc-billing", BuiltInRole.VIEWER);
        try (TaskerServer server = Servers.start(dataSource, auth)) {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256),
                    claims("svc-billing", List.of("tasks:read"), 600).build());
            jwt.sign(new RSASSASigner((RSAPrivateKey) keys.getPrivate()));
            ApiClient api = new ApiClient(server.baseUrl()).with("Authorization", "Bearer " + jwt.serialize());
            assertThat(api.get("/v1/tasks").status()).isEqualTo(200);
            assertThat(new ApiClient(server.baseUrl()).with("Authorization", "Bearer " + hs256(claims("x",
                    List.of("*"), 600).build())).get("/v1/tasks").status()).as("wrong algorithm").isEqualTo(401);
        }
    }

    @Test
    void the_actor_of_an_operator_action_is_the_authenticated_caller(DataSource dataSource) {
        try (TaskerServer server = Servers.start(dataSource, keys())) {
            ApiClient admin = new ApiClient(server.baseUrl()).with("X-API-Key", "key-admin");
            String task = admin.post("/v1/tasks", Map.of("namespace", "retry_workflows", "name", "retry_exhaustion",
                    "context", Map.of("even_number", 2))).json().path("task_uuid").asString();
            admin.delete("/v1/tasks/" + task);
            var history = server.tasker().tasks().taskTransitions(java.util.UUID.fromString(task));
            assertThat(history.get(history.size() - 1).metadata().path("cancelled_by").asString())
                    .isEqualTo(Servers.bootstrapUserId(dataSource, "admin"));
        }
    }

    @Test
    void serving_beyond_loopback_without_authentication_is_refused(DataSource dataSource) {
        assertThatThrownBy(() -> TaskerServer.start(Servers.settings(dataSource).withListen("0.0.0.0", 0)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("refusing to serve the API on 0.0.0.0 without authentication: configure auth.api_keys"
                        + " or auth.jwt, or bind to 127.0.0.1");
    }

    private static JWTClaimsSet.Builder claims(String subject, List<String> permissions, long expiresInSeconds) {
        return new JWTClaimsSet.Builder().subject(subject).issuer("https://issuer.example").audience("tasker")
                .expirationTime(Date.from(Instant.now().plusSeconds(expiresInSeconds)))
                .claim("permissions", permissions);
    }

    private static String hs256(JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(SECRET.getBytes()));
        return jwt.serialize();
    }
}
