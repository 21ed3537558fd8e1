package io.tasker.server.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tasker.data.DataSettings;
import io.tasker.identity.BuiltInRole;
import io.tasker.identity.Identity;
import io.tasker.identity.Org;
import io.tasker.server.ApiClient;
import io.tasker.server.TaskerServer;
import io.tasker.server.auth.Permission;
import io.tasker.testing.DatabaseTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import tools.jackson.databind.JsonNode;

/**
 * The pipelines page in a real browser over a real data layer: the DAG's versions with the active one marked, the
 * lineage graph (source, jobs, datasets), the partition grid, the invalidations and a cascade; and read roles as
 * the API applies them, for the page and for {@code GET /v1/invalidations}.
 */
@DatabaseTest
class PipelinesBrowserTest {

    private final Browser browser = Browser.shared();

    @Test
    void the_pipeline_shows_versions_lineage_partitions_and_invalidations(DataSource dataSource, @TempDir Path dir)
            throws Exception {
        Files.createDirectories(dir.resolve("input/salaries"));
        Files.writeString(dir.resolve("input/salaries/p1.csv"), "id,amount\n1,100\n2,200\n");
        Files.writeString(dir.resolve("input/salaries/p2.csv"), "id,amount\n3,50\n");
        Identity identity = Identity.of(dataSource, Clock.systemUTC(), Permission.codes());
        identity.users().create(Org.DEFAULT_ID, "vic", Optional.empty(), BuiltInRole.VIEWER, Optional.empty());
        String viewer = identity.keys().create(Org.DEFAULT_ID, "vic", "test", Optional.empty(), Optional.empty())
                .secret();
        try (TaskerServer server = TaskerServer.start(Dashboards.settings(dataSource).withData(DataSettings.under(dir)))) {
            ApiClient api = Dashboards.operator(server.baseUrl());
            assertThat(api.send("POST", "/v1/dags", "application/yaml", DAG).status()).isEqualTo(201);
            assertThat(api.post("/v1/dags/pay/jobs/salaries/runs", Map.of("partitions", List.of("p1", "p2")))
                    .status()).isEqualTo(201);
            await().atMost(Duration.ofSeconds(90)).until(() -> settled(api, "salaries") && settled(api, "headcount"));
            ApiClient.Response invalidated = api.post("/v1/datasets/salaries/invalidations",
                    Map.of("scope", "partition", "partition_key", "p1", "reason", "correction"));
            assertThat(invalidated.status()).as(invalidated.body()).isEqualTo(201);
            String invalidation = invalidated.json().path("invalidation_id").asString();

            browser.at(server.baseUrl());
            Dashboards.logIn(browser, Dashboards.OPERATOR_KEY);
            browser.navigate("#/pipelines");
            browser.visible(By.cssSelector("#dag-table a.dag-link")).click();
            browser.visible(By.cssSelector("#version-table [data-active='true']"));
            browser.visible(By.cssSelector("svg.dag .node[data-id='ds:salaries']"));
            assertThat(attributes("svg.dag .node", "data-id")).contains("job:salaries", "job:headcount",
                    "ds:salaries", "ds:headcount", "src:salaries");
            assertThat(browser.visible(By.cssSelector("svg.dag")).getAttribute("data-edges")).isEqualTo("4");
            browser.visible(By.cssSelector("#partition-grid .cell[data-partition='p2']"));
            assertThat(attributes("#partition-grid .cell", "data-partition")).containsExactly("p1", "p2");
            assertThat(browser.driver.findElement(By.cssSelector(".cell[data-partition='p2']"))
                    .getAttribute("data-state")).isEqualTo("fresh");
            browser.driver.findElement(By.cssSelector(".cell[data-partition='p2']")).click();
            browser.waitForText(By.id("partition-detail"), "salaries / p2");
            browser.screenshot("pipeline");

            browser.driver.findElement(By.cssSelector("svg.dag .node[data-id='ds:headcount']")).click();
            browser.waitForText(By.cssSelector("#partition-grid h2"), "Partitions of headcount");
            browser.visible(By.cssSelector("#partition-grid .cell"));

            browser.navigate("#/pipelines");
            browser.visible(By.cssSelector("#invalidation-table a.invalidation-link")).click();
            browser.visible(By.id("cascade-table"));
            assertThat(browser.driver.getCurrentUrl()).endsWith("#/invalidations/" + invalidation);
            browser.waitForText(By.id("cascade-table"), "salaries");
            browser.screenshot("invalidation");

            ApiClient vic = new ApiClient(server.baseUrl()).with("X-API-Key", viewer);
            JsonNode mine = vic.get("/v1/invalidations").json();
            assertThat(mine.path("invalidations")).as("salaries is for analysts only").isEmpty();
            assertThat(mine.path("pagination").path("total_count").asInt()).isZero();
            JsonNode all = api.get("/v1/invalidations?per_page=1").json();
            assertThat(all.path("invalidations").get(0).path("invalidation_id").asString()).isEqualTo(invalidation);
            assertThat(all.path("pagination").path("total_count").asInt()).isEqualTo(1);
            assertThat(api.get("/v1/invalidations?page=2&per_page=1").json().path("pagination")
                    .path("total_count").asInt()).as("past the end, still counted").isEqualTo(1);

            browser.driver.findElement(By.id("logout")).click();
            browser.visible(By.id("api-key"));
            Dashboards.logIn(browser, viewer);
            browser.navigate("#/pipelines/pay?dataset=salaries");
            browser.waitForText(By.cssSelector("svg.dag .node[data-id='ds:salaries']"), "no read access");
            browser.waitForText(By.cssSelector("#partition-grid .error-box"), "HTTP 403");
            browser.navigate("#/pipelines");
            browser.waitForText(By.id("invalidation-list"), "No invalidation yet.");

            browser.resize(390, 844);
            browser.navigate("#/pipelines/pay?dataset=headcount");
            browser.visible(By.cssSelector("#partition-grid .cell"));
            assertThat((Long) browser.script("return document.documentElement.scrollWidth - window.innerWidth"))
                    .as("no sideways scrolling at phone width").isLessThanOrEqualTo(0L);
            browser.resize(1280, 800);
        }
    }

    /** Made at least one partition, and nothing queued or running. */
    private static boolean settled(ApiClient api, String dataset) {
        JsonNode counts = api.get("/v1/datasets/" + dataset).json().path("partition_counts");
        return counts.path("materialized").asInt() > 0 && counts.path("queued").asInt() == 0
                && counts.path("running").asInt() == 0;
    }

    private List<String> attributes(String css, String attribute) {
        List<String> values = new ArrayList<>();
        browser.all(By.cssSelector(css)).forEach(e -> values.add(e.getAttribute(attribute)));
        return values;
    }

    private static final String DAG = """
            name: pay
            jobs:
              - name: salaries
                activation: source
                source: {kind: manual}
                operator: file
                config: {path: "salaries/{partition}.csv", format: csv}
                partitions: {kind: static, keys: [p1, p2]}
              - name: headcount
                activation: reactive
                operator: sql
                inputs: [{from: {job: salaries}}]
                config: {query: "SELECT count(*) AS people, sum(amount) AS total FROM input_0"}
            publish:
              salaries: {from: {job: salaries}, read_roles: [analyst]}
              headcount: {from: {job: headcount}}
            """;
}
