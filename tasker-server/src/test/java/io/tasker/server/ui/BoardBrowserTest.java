package io.tasker.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.tasker.server.ApiClient;
import io.tasker.server.TaskerServer;
import io.tasker.testing.DatabaseTest;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The board page in a real browser: tasks in their status columns, a column paged by the server, the ready work,
 * and a notification arriving over the Server-Sent Events stream while the page is open; at a phone's width too.
 */
@DatabaseTest
class BoardBrowserTest {

    private final Browser browser = Browser.shared();

    @Test
    void tasks_sit_in_their_columns_and_notifications_arrive_live(DataSource dataSource) {
        try (TaskerServer server = TaskerServer.start(Dashboards.settings(dataSource))) {
            ApiClient alice = Dashboards.operator(server.baseUrl()).with("X-Tasker-Agent", "alice");
            String schema = alice.post("/v1/board/tasks", Map.of("title", "Design the schema", "priority", "high"))
                    .json().path("id").asString();
            alice.post("/v1/board/tasks", Map.of("title", "Build the API", "depends_on", List.of(schema)));
            String docs = alice.post("/v1/board/tasks", Map.of("title", "Write the docs")).json().path("id").asString();
            assertThat(alice.post("/v1/board/tasks/" + docs + "/claim", Map.of("ttl_seconds", 900)).status())
                    .isEqualTo(200);
            for (int i = 1; i <= 22; i++) {
                alice.post("/v1/board/tasks", Map.of("title", String.format("Chore %02d", i), "priority", "low"));
            }

            browser.at(server.baseUrl());
            Dashboards.logIn(browser, Dashboards.OPERATOR_KEY);
            browser.navigate("#/board");
            browser.waitForText(By.cssSelector(".column[data-status='pending']"), "Design the schema");
            browser.waitForText(By.cssSelector(".column[data-status='blocked']"), "Build the API");
            browser.waitForText(By.cssSelector(".column[data-status='in_progress']"), "claimed by alice");
            browser.waitForText(By.id("board-ready"), "Design the schema");
            assertThat(browser.all(By.cssSelector(".column[data-status='pending'] .task-card"))).hasSize(20);
            browser.waitForText(By.cssSelector(".column[data-status='pending'] .page-info"), "Page 1 of 2 · 23 tasks");
            browser.waitForText(By.id("stream-state"), "Live");

            alice.post("/v1/board/tasks", Map.of("title", "Review the release", "assignee", "ops-anna"));
            browser.waitForText(By.id("board-feed"), "task assigned");
            browser.waitForText(By.cssSelector(".column[data-status='pending'] .page-info"), "24 tasks");
            browser.screenshot("board");

            browser.driver.findElement(By.cssSelector(".column[data-status='pending'] .pager button:last-child")).click();
            browser.waitForText(By.cssSelector(".column[data-status='pending'] .page-info"), "Page 2 of 2");
            assertThat(browser.all(By.cssSelector(".column[data-status='pending'] .task-card"))).hasSize(4);

            browser.resize(390, 844);
            browser.navigate("#/board?p_pending=1");
            browser.waitForText(By.cssSelector(".column[data-status='pending']"), "Design the schema");
            assertThat((Long) browser.script("return document.documentElement.scrollWidth - window.innerWidth"))
                    .as("no sideways scrolling at phone width").isLessThanOrEqualTo(0L);
            browser.screenshot("board-phone");
            browser.resize(1280, 800);
        }
    }
}
