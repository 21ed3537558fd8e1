package io.tasker.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.tasker.identity.BuiltInRole;
import io.tasker.identity.Identity;
import io.tasker.identity.Org;
import io.tasker.server.auth.AuthSettings;
import io.tasker.server.auth.Permission;
import io.tasker.testing.DatabaseTest;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** /v1/whoami and /v1/admin/...: orgs, users, roles and keys, with every error case of the issue. */
@DatabaseTest
class AdminApiTest {

    private TaskerServer server;
    private ApiClient root;

    @BeforeEach
    void start(DataSource dataSource) {
        Identity identity = Identity.of(dataSource, Clock.systemUTC(), Permission.codes());
        identity.users().create(Org.DEFAULT_ID, "root", Optional.empty(), BuiltInRole.ADMIN, Optional.empty());
        String key = identity.keys().create(Org.DEFAULT_ID, "root", "setup", Optional.empty(), Optional.empty()).secret();
        server = TaskerServer.start(Servers.settings(dataSource).withAuth(AuthSettings.NONE.withRequired(true)));
        root = new ApiClient(server.baseUrl()).with("X-API-Key", key);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void whoami_tells_the_caller_its_user_org_roles_and_permissions() {
        JsonNode me = root.get("/v1/whoami").json();
        assertThat(me.path("user").path("external_id").asString()).isEqualTo("root");
        assertThat(me.path("org").path("slug").asString()).isEqualTo("default");
        assertThat(me.path("roles").toString()).isEqualTo("[\"admin\"]");
        assertThat(me.path("permissions").toString()).contains("orgs:manage", "tasks:create", "admin:write");
        assertThat(me.path("authenticated_by").asString()).isEqualTo("api_key");
        assertThat(new ApiClient(server.baseUrl()).get("/v1/whoami").status()).isEqualTo(401);
    }

    @Test
    void an_org_admin_runs_its_org_and_cannot_reach_others() {
        assertThat(root.post("/v1/admin/orgs", Map.of("name", "Acme", "slug", "acme")).status()).isEqualTo(201);
        assertError(root.post("/v1/admin/orgs", Map.of("name", "Acme", "slug", "acme")), 409, "conflict");
        assertThat(root.post("/v1/admin/users", Map.of("external_id", "ann", "role", "admin", "org", "acme"))
                .status()).isEqualTo(201);
        assertError(root.post("/v1/admin/users", Map.of("external_id", "ann", "org", "acme")), 409, "conflict");
        assertError(root.post("/v1/admin/users", Map.of("external_id", "zed", "org", "nope")), 404, "not_found");
        assertError(root.post("/v1/admin/users", Map.of("external_id", "zed", "role", "boss")), 400,
                "invalid_request");

        ApiClient.Response key = root.post("/v1/admin/keys", Map.of("user", "ann", "org", "acme", "name", "laptop"));
        assertThat(key.status()).as(key.body()).isEqualTo(201);
        assertThat(key.json().path("key").asString()).startsWith("tsk_").hasSizeGreaterThan(40);
        assertThat(root.get("/v1/admin/keys?org=acme").body()).doesNotContain(key.json().path("key").asString());
        ApiClient ann = new ApiClient(server.baseUrl()).with("X-API-Key", key.json().path("key").asString());

        assertThat(ann.get("/v1/whoami").json().path("org").path("slug").asString()).isEqualTo("acme");
        assertThat(ann.get("/v1/whoami").json().path("permissions").toString()).doesNotContain("orgs:manage");
        assertError(ann.get("/v1/admin/orgs"), 403, "forbidden");
        assertError(ann.get("/v1/admin/users?org=default"), 403, "forbidden");
        assertThat(ann.get("/v1/admin/users").json().path("users").findValuesAsString("external_id"))
                .containsExactly("ann");
        assertError(ann.post("/v1/admin/users/ann/disable", Map.of()), 409, "conflict");
        assertError(ann.post("/v1/admin/users/root/disable", Map.of()), 404, "not_found");
        assertThat(ann.get("/v1/admin/audit").json().path("entries").get(0).path("action").asString())
                .isEqualTo("key.create");
    }

    @Test
    void a_custom_role_grants_exactly_its_permissions() {
        root.post("/v1/admin/users", Map.of("external_id", "wendy", "role", "worker"));
        ApiClient.Response unknown = root.post("/v1/admin/roles", Map.of("slug", "readers",
                "permissions", List.of("templates:read", "templates:explode")));
        assertError(unknown, 400, "invalid_request");
        assertThat(unknown.json().path("message").asString()).contains("'templates:explode'");
        assertError(root.post("/v1/admin/roles", Map.of("slug", "viewer")), 409, "conflict");
        assertThat(root.post("/v1/admin/roles", Map.of("slug", "readers", "name", "Template readers",
                "permissions", List.of("templates:read"))).status()).isEqualTo(201);
        assertError(root.post("/v1/admin/roles", Map.of("slug", "readers")), 409, "conflict");
        assertError(root.post("/v1/admin/roles/ghosts/grant", Map.of("users", List.of("wendy"))), 404, "not_found");
        assertError(root.post("/v1/admin/roles/readers/grant", Map.of("users", List.of("nobody"))), 404, "not_found");
        JsonNode granted = root.post("/v1/admin/roles/readers/grant", Map.of("users", List.of("wendy"))).json();
        assertThat(granted.path("members").toString()).isEqualTo("[\"wendy\"]");

        String secret = root.post("/v1/admin/keys", Map.of("user", "wendy")).json().path("key").asString();
        ApiClient wendy = new ApiClient(server.baseUrl()).with("X-API-Key", secret);
        JsonNode me = wendy.get("/v1/whoami").json();
        assertThat(me.path("roles").toString()).isEqualTo("[\"worker\",\"readers\"]");
        assertThat(me.path("permissions").toString())
                .isEqualTo("[\"board:read\",\"board:write\",\"templates:read\",\"workers:claim\"]");
        assertThat(wendy.get("/v1/templates").status()).isEqualTo(200);
        assertThat(wendy.get("/v1/tasks").status()).isEqualTo(403);

        root.post("/v1/admin/roles/readers/revoke", Map.of("permissions", List.of("templates:read")));
        assertThat(wendy.get("/v1/templates").status()).as("this server forgets its cache on change").isEqualTo(403);
    }

    @Test
    void a_key_revoked_through_the_api_is_refused_at_once_by_the_same_server() {
        root.post("/v1/admin/users", Map.of("external_id", "ops", "role", "operator"));
        JsonNode key = root.post("/v1/admin/keys", Map.of("user", "ops", "expires_at", "2999-01-01T00:00:00Z")).json();
        ApiClient ops = new ApiClient(server.baseUrl()).with("X-API-Key", key.path("key").asString());
        assertThat(ops.get("/v1/tasks").status()).isEqualTo(200);
        assertError(root.post("/v1/admin/keys", Map.of("user", "ops", "expires_at", "tomorrow")), 400,
                "invalid_request");
        JsonNode revoked = root.delete("/v1/admin/keys/" + key.path("key_uuid").asString()).json();
        assertThat(revoked.path("status").asString()).isEqualTo("revoked");
        ApiClient.Response refused = ops.get("/v1/tasks");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().path("message").asString()).isEqualTo("key revoked");
        assertError(root.delete("/v1/admin/keys/01900000-0000-7000-8000-000000000001"), 404, "not_found");
    }

    private static void assertError(ApiClient.Response response, int status, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.json().path("error").asString()).isEqualTo(code);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("SQL");
    }
}
