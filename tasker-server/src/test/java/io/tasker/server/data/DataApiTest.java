package io.tasker.server.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tasker.data.DataSettings;
import io.tasker.identity.BuiltInRole;
import io.tasker.identity.Identity;
import io.tasker.identity.Org;
import io.tasker.json.Json;
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
import tools.jackson.databind.JsonNode;

/** The data routes end to end over HTTP: deploy, validation errors, runs, datasets, query, activation, access. */
@DatabaseTest
class DataApiTest {

    static final String DAG = """
            name: shop
            jobs:
              - name: orders
                activation: source
                source: {kind: manual}
                operator: file
                config: {path: "orders/{partition}.csv", format: csv}
                partitions: {kind: static, keys: [a, b]}
              - name: totals
                activation: reactive
                operator: sql
                inputs: [{from: {job: orders}}]
                config: {query: "SELECT count(*) AS orders, sum(amount) AS amount FROM input_0"}
            publish:
              shop_totals: {from: {job: totals, output: 0}}
            """;

    @Test
    void deploy_run_and_query_over_http(DataSource dataSource, @TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("input/orders"));
        Files.writeString(dir.resolve("input/orders/a.csv"), "id,amount\n1,10\n2,20\n");
        Files.writeString(dir.resolve("input/orders/b.csv"), "id,amount\n3,5\n");
        try (TaskerServer server = TaskerServer.start(Servers.settings(dataSource).withData(DataSettings.under(dir)))) {
            ApiClient api = new ApiClient(server.baseUrl());
            ApiClient.Response first = api.send("POST", "/v1/dags", "application/yaml", DAG);
            assertThat(first.status()).isEqualTo(201);
            assertThat(first.json().path("created").asBoolean()).isTrue();
            ApiClient.Response again = api.send("POST", "/v1/dags", "application/yaml", DAG);
            assertThat(again.status()).isEqualTo(200);
            assertThat(again.json().path("created").asBoolean()).isFalse();
            assertThat(again.json().path("dag_version_id")).isEqualTo(first.json().path("dag_version_id"));

            ApiClient.Response invalid = api.send("POST", "/v1/dags", "application/yaml",
                    DAG.replace("operator: sql", "operator: sql\n    update_strategy: append"));
            assertThat(invalid.status()).isEqualTo(400);
            assertThat(invalid.json().path("error").asString()).isEqualTo("invalid_dag");
            assertThat(invalid.json().path("field").asString()).isEqualTo("jobs[1].unique_key");
            assertThat(invalid.body()).doesNotContain("Exception").doesNotContain("tasker_data");

            ApiClient.Response runs = api.post("/v1/dags/shop/jobs/orders/runs",
                    Map.of("partitions", List.of("a", "b"), "mode", "missing"));
            assertThat(runs.status()).isEqualTo(201);
            assertThat(runs.json().path("runs")).hasSize(2);
            await().atMost(Duration.ofSeconds(60)).until(() -> api.get("/v1/dags/shop/jobs/totals/runs?status=succeeded")
                    .json().path("pagination").path("total_count").asInt() == 2);

            JsonNode query = api.post("/v1/query", Map.of("sql",
                    "SELECT sum(orders) AS orders, sum(amount) AS amount FROM shop_totals")).json();
            assertThat(query.path("rows").get(0).get(0).asLong()).isEqualTo(3);
            assertThat(query.path("rows").get(0).get(1).asLong()).isEqualTo(35);
            assertThat(query.path("dataset_versions").has("shop_totals")).isTrue();

            JsonNode dataset = api.get("/v1/datasets/shop_totals").json();
            assertThat(dataset.path("partition_counts").path("materialized").asInt()).isEqualTo(2);
            JsonNode partitions = api.get("/v1/datasets/shop_totals/partitions?status=materialized").json();
            assertThat(partitions.path("partitions").get(0).path("partition_key").asString()).isEqualTo("a");
            assertThat(partitions.path("partitions").get(0).path("row_count").asLong()).isEqualTo(1);
            assertThat(api.get("/v1/datasets").json().path("datasets")).hasSize(2);
            assertThat(api.get("/v1/dags/shop").json().path("jobs")).hasSize(2);
            assertThat(api.get("/v1/dags").json().path("dags").get(0).path("dag_name").asString()).isEqualTo("shop");
        }
    }

    @Test
    void queries_cannot_write_or_read_anything_but_the_published_datasets(DataSource dataSource, @TempDir Path dir) {
        try (TaskerServer server = TaskerServer.start(Servers.settings(dataSource).withData(DataSettings.under(dir)))) {
            ApiClient api = new ApiClient(server.baseUrl());
            for (String sql : List.of("SELECT * FROM read_csv('/etc/passwd')",
                    "COPY (SELECT 1) TO '/tmp/escape.parquet'", "ATTACH 'dbname=tasker_test' AS pg (TYPE postgres)",
                    "CREATE TABLE t AS SELECT 1", "SELECT 1; SELECT 2", "SET enable_external_access = true",
                    "SELECT * FROM glob('/*')")) {
                ApiClient.Response response = api.post("/v1/query", Map.of("sql", sql));
                assertThat(response.status()).as(sql).isEqualTo(400);
                assertThat(response.body()).as(sql).doesNotContain("root:");
            }
            assertThat(Files.exists(Path.of("/tmp/escape.parquet"))).isFalse();
            assertThat(api.post("/v1/query", Map.of("sql", "SELECT 42 AS answer")).json().path("rows").get(0).get(0)
                    .asInt()).isEqualTo(42);
        }
    }

    @Test
    void a_viewer_reads_but_cannot_deploy_or_run(DataSource dataSource, @TempDir Path dir) {
        Identity identity = Identity.of(dataSource, Clock.systemUTC(), Permission.codes());
        identity.users().create(Org.DEFAULT_ID, "vera", Optional.empty(), BuiltInRole.VIEWER, Optional.empty());
        String secret = identity.keys().create(Org.DEFAULT_ID, "vera", "test", Optional.empty(), Optional.empty())
                .secret();
        try (TaskerServer server = TaskerServer.start(Servers.settings(dataSource).withData(DataSettings.under(dir))
                .withAuth(AuthSettings.NONE.withRequired(true)))) {
            ApiClient vera = new ApiClient(server.baseUrl()).with("X-API-Key", secret);
            assertThat(vera.send("POST", "/v1/dags", "application/yaml", DAG).status()).isEqualTo(403);
            assertThat(vera.get("/v1/dags").status()).isEqualTo(200);
            assertThat(vera.post("/v1/query", Map.of("sql", "SELECT 1")).status()).isEqualTo(200);
            assertThat(vera.post("/v1/dags/shop/jobs/orders/runs", Map.of("partitions", List.of("a"))).status())
                    .isEqualTo(403);
            assertThat(vera.get("/v1/datasets/nothing").status()).isEqualTo(404);
            assertThat(Json.write(vera.get("/v1/dags/nothing").json())).contains("not_found");
        }
    }
}
