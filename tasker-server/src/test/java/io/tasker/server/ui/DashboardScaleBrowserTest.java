package io.tasker.server.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tasker.handler.StepResult;
import io.tasker.server.ApiClient;
import io.tasker.server.Role;
import io.tasker.server.TaskerServer;
import io.tasker.testing.DatabaseTest;
import io.tasker.testing.Templates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * How long the dashboard takes to show a task list over 10,000 tasks and a task of 1,000 steps, measured in the
 * browser and written to target/dashboard-render.txt for docs/dashboard.md. No timed assertion: the machine is
 * shared; the figures are reported, not enforced.
 */
@DatabaseTest
class DashboardScaleBrowserTest {

    private static final int TASKS = 10_000;
    private static final int CHAINS = 100;
    private static final int CHAIN_LENGTH = 10;

    @Test
    void a_list_over_ten_thousand_tasks_and_a_thousand_step_task_render(DataSource dataSource) throws SQLException {
        String wide = wideTemplate();
        List<String> figures = new ArrayList<>();
        try (TaskerServer server = TaskerServer.start(Dashboards.settings(dataSource)
                .withTemplates(List.of(wide, Templates.single("scale", "ok").yaml()), Optional.empty())
                .withHandlers(Map.of("ok", ctx -> StepResult.success(Map.of())))
                .withRoles(EnumSet.of(Role.API), List.of()))) {
            Browser browser = Browser.shared().at(server.baseUrl());
            ApiClient api = Dashboards.operator(server.baseUrl());
            String prototype = api.post("/v1/tasks", Map.of("namespace", "scale", "name", "single")).json()
                    .path("task_uuid").asString();
            copyTask(dataSource, prototype, TASKS - 1);
            String big = api.post("/v1/tasks", Map.of("namespace", "scale", "name", "wide")).json()
                    .path("task_uuid").asString();
            Dashboards.logIn(browser, Dashboards.OPERATOR_KEY);

            for (int round = 1; round <= 3; round++) {
                browser.reload("#/tasks");
                browser.waitForText(By.id("page-info"), (TASKS + 1) + " tasks");
                figures.add("task list (" + (TASKS + 1) + " tasks, 50 a page), round " + round + ": "
                        + timing(browser, "#task-results"));
            }
            for (int round = 1; round <= 3; round++) {
                browser.reload("#/tasks/" + big);
                await().atMost(Duration.ofSeconds(60)).until(() ->
                        browser.script("return document.querySelector('main').dataset.renderMs") != null);
                assertThat(browser.visible(By.cssSelector("svg.dag")).getAttribute("data-nodes"))
                        .isEqualTo(String.valueOf(CHAINS * CHAIN_LENGTH));
                assertThat(browser.all(By.cssSelector("svg.dag .node"))).as("only what is in view is drawn")
                        .hasSizeBetween(10, CHAINS * CHAIN_LENGTH / 4);
                await().atMost(Duration.ofSeconds(60)).until(() ->
                        browser.script("return document.querySelector('main').dataset.paintedMs") != null);
                figures.add("task detail (" + CHAINS * CHAIN_LENGTH + " steps), round " + round + ": "
                        + timing(browser, "main") + "; " + browser.script("const d = document.querySelector('main')"
                        + ".dataset; return 'graph ' + d.graphMs + ' ms (layout ' + Math.round(T.dag.layoutMs)"
                        + " + ' ms), table ' + d.tableMs + ' ms, painted ' + d.paintedMs + ' ms, DOM elements '"
                        + " + document.getElementsByTagName('*').length"));
            }
            browser.screenshot("task-1000-steps");
            Object top = browser.script("return document.querySelector('svg.dag .node').dataset.step");
            browser.script("const w = document.querySelector('.dag-wrap'); w.scrollTop = w.scrollHeight;");
            browser.until(d -> !top.equals(browser.script("return document.querySelector('svg.dag .node').dataset.step")));
            assertThat(browser.all(By.cssSelector("svg.dag .node"))).as("scrolling draws the nodes come into view")
                    .hasSizeBetween(10, CHAINS * CHAIN_LENGTH / 4);
        }
        write(figures);
    }

    /**
     * The API call, the page's own figure (route to rendered, API call included) and the whole load since the
     * browser's navigation started (HTML, scripts, session and whoami calls included).
     */
    private static String timing(Browser browser, String selector) {
        Object api = browser.script("return document.querySelector(arguments[0]).dataset.apiMs", selector);
        Object page = browser.script("return document.querySelector(arguments[0]).dataset.renderMs", selector);
        Object load = browser.script("return Math.round(document.querySelector(arguments[0]).dataset.renderedAt)",
                selector);
        return "API call " + api + " ms, page " + page + " ms, whole load since navigation " + load + " ms";
    }

    /** 100 independent chains of 10 steps: 1,000 distinct steps in 10 columns of 100. */
    private static String wideTemplate() {
        Templates.Builder builder = Templates.template("scale", "wide");
        for (int chain = 0; chain < CHAINS; chain++) {
            String previous = null;
            for (int step = 0; step < CHAIN_LENGTH; step++) {
                String name = String.format("chain_%03d_step_%02d", chain, step);
                builder = previous == null ? builder.step(name, "ok") : builder.step(name, "ok", previous);
                previous = name;
            }
        }
        return builder.yaml();
    }

    /** Copies the prototype task (row and current transition) {@code count} times, created a second apart. */
    private static void copyTask(DataSource dataSource, String prototype, int count) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            run(c, "CREATE TEMP TABLE copies ON COMMIT DROP AS SELECT i, gen_random_uuid() AS task_uuid"
                    + " FROM generate_series(1, " + count + ") i");
            run(c, copy(c, "tasks", "task_uuid", Map.of("task_uuid", "m.task_uuid",
                    "identity_hash", "'copy-' || m.task_uuid", "correlation_id", "gen_random_uuid()",
                    "created_at", "p.created_at - m.i * interval '1 second'"), prototype));
            run(c, copy(c, "task_transitions", "task_uuid", Map.of("task_uuid", "m.task_uuid",
                    "task_transition_uuid", "gen_random_uuid()"), prototype));
            c.commit();
        }
    }

    private static String copy(Connection c, String table, String key, Map<String, String> replaced, String prototype)
            throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT column_name FROM information_schema.columns"
                + " WHERE table_schema = 'tasker' AND table_name = ? AND is_generated = 'NEVER' ORDER BY ordinal_position")) {
            s.setString(1, table);
            try (var rows = s.executeQuery()) {
                while (rows.next()) {
                    columns.add(rows.getString(1));
                }
            }
        }
        String values = String.join(", ", columns.stream().map(col -> replaced.getOrDefault(col, "p." + col)).toList());
        return "INSERT INTO tasker." + table + " (" + String.join(", ", columns) + ") SELECT " + values
                + " FROM tasker." + table + " p CROSS JOIN copies m WHERE p." + key + " = '" + prototype + "'";
    }

    private static void run(Connection c, String sql) throws SQLException {
        try (var s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static void write(List<String> figures) {
        try {
            Path load = Path.of("/proc/loadavg");
            if (Files.isReadable(load)) {
                figures.add("load average (1, 5, 15 min) at the end: " + Files.readString(load).strip());
            }
            Path out = Path.of("target", "dashboard-render.txt");
            Files.createDirectories(out.getParent());
            Files.write(out, figures);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        figures.forEach(System.out::println);
    }
}
