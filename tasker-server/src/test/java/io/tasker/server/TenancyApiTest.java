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
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** A user of one org cannot see, use or guess another org's namespaces, templates, tasks or steps: 404. */
@DatabaseTest
class TenancyApiTest {

    private static final String ACME_TEMPLATE = """
            name: invoice
            namespace_name: acme_billing
            version: 1.0.0
            steps:
              - {name: send, handler: {callable: external}}
            """;

    @Test
    void another_orgs_templates_and_tasks_are_not_found(DataSource dataSource) {
        Identity identity = Identity.of(dataSource, Clock.systemUTC(), Permission.codes());
        Org acme = identity.orgs().create("Acme", "acme", Optional.empty());
        identity.users().create(Org.DEFAULT_ID, "dora", Optional.empty(), BuiltInRole.DEVELOPER, Optional.empty());
        identity.users().create(acme.id(), "ann", Optional.empty(), BuiltInRole.DEVELOPER, Optional.empty());
        String doraKey = identity.keys().create(Org.DEFAULT_ID, "dora", "k", Optional.empty(), Optional.empty()).secret();
        String annKey = identity.keys().create(acme.id(), "ann", "k", Optional.empty(), Optional.empty()).secret();
        try (TaskerServer server = TaskerServer.start(Servers.settings(dataSource)
                .withAuth(AuthSettings.NONE.withRequired(true)))) {
            ApiClient dora = new ApiClient(server.baseUrl()).with("X-API-Key", doraKey);
            ApiClient ann = new ApiClient(server.baseUrl()).with("X-API-Key", annKey);

            // The example templates of the server's configuration belong to the default org.
            String task = dora.post("/v1/tasks", Map.of("namespace", "linear_workflow", "name",
                    "mathematical_sequence", "context", Map.of("even_number", 2))).json().path("task_uuid").asString();
            assertThat(ann.get("/v1/templates").json().path("total_count").asInt()).isZero();
            assertThat(ann.get("/v1/templates/linear_workflow/mathematical_sequence/1.0.0").status()).isEqualTo(404);
            assertThat(ann.post("/v1/tasks", Map.of("namespace", "linear_workflow", "name", "mathematical_sequence",
                    "context", Map.of("even_number", 2))).status()).isEqualTo(404);
            assertThat(ann.get("/v1/tasks/" + task).status()).isEqualTo(404);
            assertThat(ann.get("/v1/tasks/" + task).json().path("message").asString())
                    .as("the same answer as for a task that does not exist").isEqualTo("task " + task + " does not exist");
            assertThat(ann.get("/v1/tasks/" + task + "/workflow_steps").status()).isEqualTo(404);
            assertThat(ann.delete("/v1/tasks/" + task).status()).isEqualTo(404);
            assertThat(ann.get("/v1/tasks").json().path("tasks")).isEmpty();
            assertThat(ann.get("/v1/analytics/performance").status()).as("views over every org").isEqualTo(403);

            ApiClient.Response registered = ann.send("POST", "/v1/templates", "application/yaml", ACME_TEMPLATE);
            assertThat(registered.status()).as(registered.body()).isEqualTo(201);
            assertThat(ann.get("/v1/templates").json().path("total_count").asInt()).isEqualTo(1);
            assertThat(dora.get("/v1/templates").json().path("templates").toString()).doesNotContain("acme_billing");
            assertThat(dora.send("POST", "/v1/templates", "application/yaml", ACME_TEMPLATE.replace("1.0.0", "2.0.0"))
                    .status()).as("namespace names are unique across orgs").isEqualTo(409);
            String acmeTask = ann.post("/v1/tasks", Map.of("namespace", "acme_billing", "name", "invoice"))
                    .json().path("task_uuid").asString();
            assertThat(dora.get("/v1/tasks/" + acmeTask).status()).isEqualTo(404);
            assertThat(ann.get("/v1/tasks").json().path("tasks")).hasSize(1);
            assertThat(dora.get("/v1/tasks").json().path("tasks").toString()).doesNotContain(acmeTask);
        }
    }
}
