package io.tasker.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.tasker.identity.BuiltInRole;
import io.tasker.identity.Identity;
import io.tasker.identity.Org;
import io.tasker.server.auth.AuthSettings;
import io.tasker.server.auth.Permission;
import io.tasker.testing.DatabaseTest;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A worker reports on its own org's steps only: a lease token of another org's claimed step (leaked, or guessed)
 * gets the answer a wrong token gets (409) on heartbeat, checkpoint and result, and changes nothing.
 */
@DatabaseTest
class WorkerTenancyApiTest {

    private static final String ACME_TEMPLATE = """
            name: invoice
            namespace_name: acme_billing
            version: 1.0.0
            identity_strategy: always_unique
            steps:
              - {name: send, handler: {callable: external}}
            """;

    @Test
    void a_worker_of_another_org_cannot_use_a_claimed_steps_lease_token(DataSource dataSource) {
        Identity identity = Identity.of(dataSource, Clock.systemUTC(), Permission.codes());
        Org acme = identity.orgs().create("Acme", "acme", Optional.empty());
        String annKey = key(identity, acme.id(), "ann", BuiltInRole.DEVELOPER);
        String acmeWorkerKey = key(identity, acme.id(), "acme-worker", BuiltInRole.WORKER);
        String strangerKey = key(identity, Org.DEFAULT_ID, "stranger", BuiltInRole.WORKER);
        try (TaskerServer server = TaskerServer.start(Servers.settings(dataSource)
                .withAuth(AuthSettings.NONE.withRequired(true)))) {
            ApiClient ann = new ApiClient(server.baseUrl()).with("X-API-Key", annKey);
            ApiClient acmeWorker = new ApiClient(server.baseUrl()).with("X-API-Key", acmeWorkerKey);
            ApiClient stranger = new ApiClient(server.baseUrl()).with("X-API-Key", strangerKey);
            assertThat(ann.send("POST", "/v1/templates", "application/yaml", ACME_TEMPLATE).status()).isEqualTo(201);
            String task = ann.post("/v1/tasks", Map.of("namespace", "acme_billing", "name", "invoice"))
                    .json().path("task_uuid").asString();
            JsonNode claim = acmeWorker.post("/v1/workers/claims", Map.of("namespace", "acme_billing"))
                    .json().path("claims").get(0);
            String base = "/v1/workers/claims/" + claim.path("step_uuid").asString();
            String token = claim.path("lease_token").asString();

            assertThat(stranger.post(base + "/heartbeat", Map.of("lease_token", token)).status()).isEqualTo(409);
            assertThat(stranger.post(base + "/checkpoint", Map.of("lease_token", token, "cursor", 1)).status())
                    .isEqualTo(409);
            ApiClient.Response result = stranger.post(base + "/result", Map.of("lease_token", token,
                    "status", "permanent_failure", "error", Map.of("message", "not yours")));
            assertThat(result.status()).isEqualTo(409);
            assertThat(result.json().path("message").asString()).contains("no longer claimed with this lease token");

            assertThat(acmeWorker.post(base + "/result", Map.of("lease_token", token, "status", "success",
                    "result", Map.of("sent", true))).status()).as("the claim is intact").isEqualTo(200);
            assertThat(ann.get("/v1/tasks/" + task + "?wait=30s").json().path("status").asString())
                    .isEqualTo("complete");
        }
    }

    private static String key(Identity identity, UUID org, String user, BuiltInRole role) {
        identity.users().create(org, user, Optional.empty(), role, Optional.empty());
        return identity.keys().create(org, user, "k", Optional.empty(), Optional.empty()).secret();
    }
}
