package io.tasker.server.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tasker.data.DataSettings;
import io.tasker.identity.BuiltInRole;
import io.tasker.identity.Identity;
import io.tasker.identity.Org;
import io.tasker.server.ApiClient;
import io.tasker.server.Servers;
import io.tasker.server.TaskerServer;
import io.tasker.server.auth.AuthSettings;
import io.tasker.server.auth.Permission;
import io.tasker.testing.DatabaseTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A published dataset with {@code read_roles: [analyst]}: a member holding the analyst role reads it everywhere; a
 * viewer without it gets 403 on its metadata, partitions, every lineage route and any query that reads it, does
 * not see it listed, and lineage from a dataset it may read leaves it out; a dataset without read roles stays open
 * to both.
 */
@DatabaseTest
class ReadRolesApiTest {

    static final String DAG = """
            name: pay
            jobs:
              - name: salaries
                activation: source
                source: {kind: manual}
                operator: file
                config: {path: "salaries/{partition}.csv", format: csv}
                partitions: {kind: static, keys: [p1]}
              - name: headcount
                activation: reactive
                operator: sql
                inputs: [{from: {job: salaries}}]
                config: {query: "SELECT count(*) AS people, sum(amount) AS total FROM input_0"}
                lineage: {total: [input_0.amount]}
            publish:
              salaries: {from: {job: salaries}, read_roles: [analyst]}
              headcount: {from: {job: headcount}}
            """;

    @Test
    void a_caller_without_a_read_role_gets_403_on_every_path(DataSource dataSource, @TempDir Path dir)
            throws Exception {
        Files.createDirectories(dir.resolve("input/salaries"));
        Files.writeString(dir.resolve("input/salaries/p1.csv"), "id,amount\n1,100\n2,200\n");
        Identity identity = Identity.of(dataSource, Clock.systemUTC(), Permission.codes());
        String viewer = key(identity, "vic", BuiltInRole.VIEWER);
        String analyst = key(identity, "ana", BuiltInRole.VIEWER);
        identity.roles().create(Org.DEFAULT_ID, "analyst", "Analyst", List.of("data:read", "data:query"),
                Optional.empty());
        identity.roles().addMember(Org.DEFAULT_ID, "analyst", "ana", Optional.empty());
        String developer = key(identity, "dev", BuiltInRole.DEVELOPER);
        identity.roles().addMember(Org.DEFAULT_ID, "analyst", "dev", Optional.empty());
        try (TaskerServer server = TaskerServer.start(Servers.settings(dataSource).withData(DataSettings.under(dir))
                .withAuth(AuthSettings.NONE.withRequired(true)))) {
            ApiClient dev = new ApiClient(server.baseUrl()).with("X-API-Key", developer);
            assertThat(dev.send("POST", "/v1/dags", "application/yaml", DAG).status()).isEqualTo(201);
            assertThat(dev.post("/v1/dags/pay/jobs/salaries/runs", Map.of("partitions", List.of("p1"))).status())
                    .isEqualTo(201);
            ApiClient vic = new ApiClient(server.baseUrl()).with("X-API-Key", viewer);
            ApiClient ana = new ApiClient(server.baseUrl()).with("X-API-Key", analyst);
            await().atMost(Duration.ofSeconds(60)).until(() -> ana.post("/v1/query",
                    Map.of("sql", "SELECT total FROM headcount")).json().path("row_count").asInt() == 1);

            List<String> paths = List.of("/v1/datasets/salaries", "/v1/datasets/salaries/partitions",
                    "/v1/datasets/salaries/partitions/p1/lineage", "/v1/lineage/datasets/salaries?direction=downstream",
                    "/v1/lineage/columns?dataset=salaries&column=amount&direction=downstream");
            for (String path : paths) {
                assertThat(vic.get(path).status()).as("viewer: GET " + path).isEqualTo(403);
                assertThat(ana.get(path).status()).as("analyst: GET " + path).isEqualTo(200);
            }
            // lineage that starts at a readable dataset leaves out what the caller may not read
            assertThat(vic.get("/v1/lineage/datasets/headcount?direction=upstream").json().path("edges")).isEmpty();
            assertThat(ana.get("/v1/lineage/datasets/headcount?direction=upstream").json().path("edges").get(0)
                    .path("input").asString()).isEqualTo("salaries");
            assertThat(vic.get("/v1/lineage/columns?dataset=headcount&column=total&direction=upstream").json()
                    .path("edges")).isEmpty();
            assertThat(ana.get("/v1/lineage/columns?dataset=headcount&column=total&direction=upstream").json()
                    .path("edges")).hasSize(1);
            assertThat(vic.get("/v1/datasets/headcount/partitions/p1/lineage").json().path("inputs")).isEmpty();
            assertThat(ana.get("/v1/datasets/headcount/partitions/p1/lineage").json().path("inputs")).hasSize(1);

            String secret = "SELECT sum(amount) AS total FROM salaries";
            assertThat(vic.post("/v1/query", Map.of("sql", secret)).status()).isEqualTo(403);
            assertThat(vic.post("/v1/query", Map.of("sql", "SELECT * FROM headcount h JOIN salaries s ON true"))
                    .status()).isEqualTo(403);
            assertThat(ana.post("/v1/query", Map.of("sql", secret)).json().path("rows").get(0).get(0).asInt())
                    .isEqualTo(300);
            assertThat(vic.post("/v1/query", Map.of("sql", "SELECT people FROM headcount")).json().path("rows")
                    .get(0).get(0).asInt()).as("a dataset without read roles stays open").isEqualTo(2);
            assertThat(vic.get("/v1/datasets/headcount").status()).isEqualTo(200);
            assertThat(names(vic.get("/v1/datasets").json()))
                    .contains("headcount").doesNotContain("salaries");
            assertThat(names(ana.get("/v1/datasets").json()))
                    .contains("headcount", "salaries");
            assertThat(vic.get("/v1/datasets/salaries").json().path("error").asString()).isEqualTo("forbidden");

            String invalidation = "/v1/invalidations/" + dev.post("/v1/datasets/salaries/invalidations",
                    Map.of("partition_key", "p1", "reason", "correction")).json().path("invalidation_id").asString();
            assertThat(vic.get(invalidation).status()).as("viewer: the cascade of an unreadable dataset").isEqualTo(403);
            assertThat(ana.get(invalidation).json().path("cascade").get(0).path("dataset").asString())
                    .isEqualTo("salaries");
            assertThat(vic.get("/v1/invalidations").json().path("invalidations")).isEmpty();
            assertThat(ana.get("/v1/invalidations").json().path("invalidations").get(0).path("levels").asInt())
                    .isEqualTo(ana.get(invalidation).json().path("cascade").size());
        }
    }

    private static List<String> names(tools.jackson.databind.JsonNode json) {
        List<String> names = new java.util.ArrayList<>();
        json.path("datasets").forEach(d -> names.add(d.path("name").asString()));
        return names;
    }

    private static String key(Identity identity, String user, BuiltInRole role) {
        identity.users().create(Org.DEFAULT_ID, user, Optional.empty(), role, Optional.empty());
        return identity.keys().create(Org.DEFAULT_ID, user, "test", Optional.empty(), Optional.empty()).secret();
    }
}
