package io.tasker.server.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tasker.handler.PermanentError;
import io.tasker.handler.StepResult;
import io.tasker.server.ApiClient;
import io.tasker.server.Servers;
import io.tasker.server.TaskerServer;
import io.tasker.testing.DatabaseTest;
import io.tasker.testing.Templates;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

/**
 * An operator repairs work in the browser: finds a failed task by filter, opens its graph, retries the failed step
 * and sees the task complete; resolves a dead letter entry. Screenshots of each page go to docs/images/.
 */
@DatabaseTest
class RepairBrowserTest {

    private static final String TEMPLATE = Templates.template("shop", "checkout").step("validate", "ok")
            .step("charge", "charge", "validate").options("charge", "retry: {max_attempts: 1}")
            .step("ship", "ok", "charge").step("notify", "ok", "ship").step("audit", "ok", "validate").yaml();

    private final AtomicBoolean chargeFails = new AtomicBoolean(false);
    private final Browser browser = Browser.shared();
    private final AtomicInteger orders = new AtomicInteger();
    private TaskerServer server;
    private ApiClient api;
    private DataSource dataSource;

    @BeforeEach
    void start(DataSource dataSource) {
        this.dataSource = dataSource;
        server = TaskerServer.start(Dashboards.settings(dataSource)
                .withTemplates(List.of(TEMPLATE), Optional.empty())
                .withHandlers(Map.of("ok", ctx -> StepResult.success(Map.of("done", true)), "charge", ctx -> {
                    if (chargeFails.get()) {
                        throw new PermanentError("card declined by the issuer");
                    }
                    return StepResult.success(Map.of("charge_id", "ch_1"));
                })));
        api = Dashboards.operator(server.baseUrl());
        browser.at(server.baseUrl());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String task(String status) {
        String task = api.post("/v1/tasks", Map.of("namespace", "shop", "name", "checkout",
                "context", Map.of("order", orders.incrementAndGet()))).json()
                .path("task_uuid").asString();
        await().atMost(Duration.ofSeconds(30)).until(() ->
                api.get("/v1/tasks/" + task).json().path("status").asString().equals(status));
        return task;
    }

    @Test
    void an_operator_finds_a_failed_task_by_filter_retries_its_step_and_sees_it_complete() {
        task("complete");
        chargeFails.set(true);
        String failed = task("error");
        chargeFails.set(false);
        task("complete");

        Dashboards.logIn(browser, Dashboards.OPERATOR_KEY);
        browser.visible(By.cssSelector(".cards"));
        browser.waitForText(By.id("refreshed"), "Live: updated");
        assertThat(browser.visible(By.cssSelector("svg.chart.series")).getAttribute("aria-label"))
                .isEqualTo("Tasks per minute: 3 created, 2 completed, 1 failed");
        browser.screenshot("overview");

        browser.navigate("#/tasks");
        browser.visible(By.id("task-table"));
        assertThat(browser.all(By.cssSelector("#task-table tbody tr"))).hasSize(3);
        new Select(browser.driver.findElement(By.id("f-status"))).selectByValue("error");
        browser.driver.findElement(By.cssSelector("form.filters button[type=submit]")).click();
        browser.until(d -> d.findElements(By.cssSelector("#task-table tbody tr")).size() == 1);
        browser.screenshot("tasks");

        browser.driver.findElement(By.cssSelector("#task-table a.task-link")).click();
        WebElement charge = browser.visible(By.cssSelector("svg.dag .node[data-step='charge']"));
        assertThat(charge.getAttribute("class")).contains("s-bad");
        assertThat(browser.all(By.cssSelector("svg.dag .node"))).hasSize(5);
        charge.click();
        browser.waitForText(By.id("step-panel"), "card declined by the issuer");
        browser.screenshot("task-failed");

        browser.driver.findElement(By.id("action-reason")).sendKeys("the issuer fixed their outage");
        browser.driver.findElement(By.id("retry-step")).click();
        browser.waitForText(By.cssSelector("main h1"), "complete");
        browser.until(d -> d.findElement(By.cssSelector("svg.dag .node[data-step='notify']")).getAttribute("class")
                .contains("s-ok"));
        browser.waitForText(By.id("step-panel"), "by " + Servers.bootstrapUserId(dataSource, "ops-anna")
                + ": the issuer fixed their outage");
        browser.screenshot("task");

        JsonNode done = api.get("/v1/tasks/" + failed).json();
        assertThat(done.path("status").asString()).isEqualTo("complete");
        String chargeStep = stepUuid(done, "charge");
        JsonNode audit = api.get("/v1/tasks/" + failed + "/workflow_steps/" + chargeStep + "/audit").json();
        assertThat(audit).as("newest first: the rerun, the operator's reset, the failed attempt").hasSize(3);
        assertThat(audit.get(0).path("success").asBoolean()).isTrue();
        assertThat(audit.get(1).path("reason").asString()).isEqualTo("the issuer fixed their outage");
        assertThat(audit.get(2).path("error").path("message").asString()).isEqualTo("card declined by the issuer");

        browser.resize(390, 844);
        browser.navigate("#/tasks");
        browser.visible(By.id("task-table"));
        assertThat((Long) browser.script("return document.documentElement.scrollWidth - window.innerWidth"))
                .as("no sideways scrolling at phone width").isLessThanOrEqualTo(0L);
        browser.screenshot("tasks-phone");
    }

    @Test
    void a_dead_letter_entry_is_resolved_from_its_page() {
        chargeFails.set(true);
        String failed = task("error");
        String entry = pendingEntry(failed);

        Dashboards.logIn(browser, Dashboards.OPERATOR_KEY);
        browser.navigate("#/dlq");
        browser.visible(By.id("dlq-table"));
        browser.screenshot("dlq");
        browser.driver.findElement(By.cssSelector("#dlq-table a.entry-link")).click();
        browser.waitForText(By.cssSelector("main"), "Task as it was");
        browser.screenshot("dlq-entry");

        new Select(browser.driver.findElement(By.id("resolution"))).selectByValue("permanently_failed");
        browser.driver.findElement(By.id("resolution-notes")).sendKeys("customer cancelled the order");
        browser.driver.findElement(By.id("resolve-entry")).click();
        browser.waitForText(By.cssSelector("main h1"), "permanently failed");

        JsonNode closed = api.get("/v1/dlq/entry/" + entry).json();
        assertThat(closed.path("resolution_status").asString()).isEqualTo("permanently_failed");
        assertThat(closed.path("resolution_notes").asString()).isEqualTo("customer cancelled the order");
        assertThat(closed.path("resolved_by").asString()).isEqualTo(Servers.bootstrapUserId(dataSource, "ops-anna"));
    }

    /** The task's pending entry: the engine opens one when a step used up its retries; else one is sent by hand. */
    private String pendingEntry(String task) {
        ApiClient.Response found = api.get("/v1/dlq/task/" + task);
        if (found.status() == 200 && found.json().path("resolution_status").asString().equals("pending")) {
            return found.json().path("dlq_entry_uuid").asString();
        }
        return api.post("/v1/dlq", Map.of("task_uuid", task, "notes", "needs a look")).json()
                .path("dlq_entry_uuid").asString();
    }

    private static String stepUuid(JsonNode task, String name) {
        for (JsonNode step : task.path("steps")) {
            if (step.path("name").asString().equals(name)) {
                return step.path("step_uuid").asString();
            }
        }
        throw new AssertionError("no step " + name + " in " + task);
    }
}
