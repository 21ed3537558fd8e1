package io.tasker.server.ui;

import io.tasker.server.ApiClient;
import io.tasker.server.ServerSettings;
import io.tasker.server.Servers;
import io.tasker.server.auth.AuthSettings;
import io.tasker.server.auth.Permission;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.openqa.selenium.By;

/** What the browser tests share: a server with an operator's and a reader's key, and logging in through the page. */
final class Dashboards {

    static final String OPERATOR_KEY = "key-ops-anna";
    static final String READER_KEY = "key-reader";

    private Dashboards() {
    }

    static ServerSettings settings(DataSource dataSource) {
        return Servers.settings(dataSource).withAuth(new AuthSettings(List.of(
                new AuthSettings.ApiKey("ops-anna", OPERATOR_KEY, EnumSet.allOf(Permission.class)),
                new AuthSettings.ApiKey("reader", READER_KEY, Set.of(Permission.TASKS_READ))), Optional.empty()));
    }

    static ApiClient operator(String baseUrl) {
        return new ApiClient(baseUrl).with("X-API-Key", OPERATOR_KEY);
    }

    /** Logs in on the login page and waits for the overview. */
    static void logIn(Browser browser, String key) {
        browser.open("");
        browser.visible(By.id("api-key")).sendKeys(key);
        browser.driver.findElement(By.id("login")).click();
        browser.waitForText(By.id("who"), "Signed in as");
    }
}
