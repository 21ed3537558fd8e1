package io.tasker.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.tasker.server.Servers;
import io.tasker.server.TaskerServer;
import io.tasker.testing.DatabaseTest;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;

/**
 * The dashboard in a real browser: logging in and out, the session cookie and CSRF token, an open local server, and
 * the templates pages.
 */
@DatabaseTest
class DashboardBrowserTest {

    private final Browser browser = Browser.shared();
    private TaskerServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void start(DataSource dataSource, boolean withKeys) {
        server = TaskerServer.start(withKeys ? Dashboards.settings(dataSource) : Servers.settings(dataSource));
        browser.at(server.baseUrl());
    }

    @Test
    void logging_in_keeps_an_http_only_strict_session_and_logging_out_ends_it(DataSource dataSource) {
        start(dataSource, true);
        browser.open("#/tasks");
        browser.visible(By.id("api-key")).sendKeys("not-a-key");
        browser.driver.findElement(By.id("login")).click();
        browser.waitForText(By.cssSelector(".error-box"), "Login failed: the API key is not valid");
        browser.screenshot("login");

        browser.driver.findElement(By.id("api-key")).clear();
        Dashboards.logIn(browser, Dashboards.OPERATOR_KEY);
        assertThat(browser.driver.findElement(By.id("who")).getText()).contains("ops-anna");
        Cookie session = browser.driver.manage().getCookieNamed(UiSessions.COOKIE);
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Strict");
        assertThat(browser.script("return document.cookie")).as("scripts cannot read the session").isEqualTo("");

        browser.driver.findElement(By.id("logout")).click();
        browser.waitForText(By.cssSelector("main"), "You are logged out.");
        assertThat(browser.driver.manage().getCookieNamed(UiSessions.COOKIE)).isNull();
        assertThat(browser.fetchStatus("GET", "/v1/tasks", null)).isEqualTo(401);
    }

    @Test
    void actions_of_a_session_need_its_csrf_token(DataSource dataSource) {
        start(dataSource, true);
        Dashboards.logIn(browser, Dashboards.OPERATOR_KEY);
        String csrf = (String) browser.script("return T.state.csrf");
        assertThat(browser.fetchStatus("GET", "/v1/tasks", null)).as("reading needs no token").isEqualTo(200);
        assertThat(browser.fetchStatus("POST", "/v1/dlq/staleness/detect", null)).isEqualTo(403);
        assertThat(browser.fetchStatus("POST", "/v1/dlq/staleness/detect", "wrong")).isEqualTo(403);
        assertThat(browser.fetchStatus("POST", "/v1/dlq/staleness/detect", csrf)).isEqualTo(200);
    }

    @Test
    void a_reader_sees_tasks_but_no_repair_buttons_and_is_told_why_the_overview_is_closed(DataSource dataSource) {
        start(dataSource, true);
        Dashboards.logIn(browser, Dashboards.READER_KEY);
        browser.waitForText(By.cssSelector(".error-box"), "lacks the permission analytics:read");
        browser.navigate("#/tasks");
        browser.waitForText(By.cssSelector("main"), "No tasks yet.");
    }

    @Test
    void an_open_local_server_needs_no_login(DataSource dataSource) {
        start(dataSource, false);
        browser.open("");
        browser.waitForText(By.id("who"), "no login needed");
        browser.visible(By.cssSelector(".cards"));
        assertThat(browser.driver.findElement(By.id("logout")).isDisplayed()).isFalse();
    }

    @Test
    void templates_show_their_steps_as_a_graph_and_their_input_schema(DataSource dataSource) {
        start(dataSource, true);
        Dashboards.logIn(browser, Dashboards.OPERATOR_KEY);
        browser.navigate("#/templates");
        browser.visible(By.id("template-table"));
        browser.screenshot("templates");
        browser.driver.findElement(By.linkText("diamond_workflow/diamond_pattern")).click();
        browser.visible(By.cssSelector("svg.dag .node"));
        assertThat(browser.all(By.cssSelector("svg.dag .node"))).hasSize(4);
        assertThat(browser.visible(By.cssSelector("svg.dag")).getAttribute("data-edges")).isEqualTo("4");
        browser.driver.findElement(By.cssSelector("svg.dag .node[data-step='diamond_start']")).click();
        browser.waitForText(By.id("template-step"), "Max attempts");
        browser.screenshot("template");
    }
}
