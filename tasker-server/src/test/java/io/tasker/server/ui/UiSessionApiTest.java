package io.tasker.server.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tasker.server.ApiClient;
import io.tasker.server.TaskerServer;
import io.tasker.testing.DatabaseTest;
import io.tasker.testing.MutableClock;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Dashboard sessions over plain HTTP: what the cookie stands for, when it stops working, what the CSRF token guards,
 * and how the page's files are served.
 */
@DatabaseTest
class UiSessionApiTest {

    private final MutableClock clock = MutableClock.startingNow();
    private TaskerServer server;
    private ApiClient anonymous;

    private void start(DataSource dataSource) {
        server = TaskerServer.start(Dashboards.settings(dataSource), clock);
        anonymous = new ApiClient(server.baseUrl());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Logs in with {@code key}; answers a client that sends the session cookie (and the CSRF token, if asked). */
    private ApiClient session(String key, boolean withCsrf) {
        ApiClient.Response login = anonymous.post("/ui/session", Map.of("api_key", key));
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        String cookie = login.headers().get("set-cookie");
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict").contains("Path=/").contains("Max-Age=28800");
        ApiClient client = anonymous.with("Cookie", cookie.substring(0, cookie.indexOf(';')));
        return withCsrf ? client.with(UiSessions.CSRF_HEADER, login.json().path("csrf_token").asString()) : client;
    }

    @Test
    void a_session_acts_with_the_key_it_logged_in_with(DataSource dataSource) {
        start(dataSource);
        assertThat(anonymous.get("/v1/whoami").status()).isEqualTo(401);
        ApiClient.Response whoami = session(Dashboards.READER_KEY, false).get("/v1/whoami");
        assertThat(whoami.status()).isEqualTo(200);
        assertThat(whoami.json().path("permissions").toString()).isEqualTo("[\"tasks:read\"]");
        assertThat(session(Dashboards.READER_KEY, true).post("/v1/dlq/staleness/detect", Map.of()).status())
                .as("a session has its key's permissions, no more").isEqualTo(403);
    }

    @Test
    void a_wrong_key_gets_no_session(DataSource dataSource) {
        start(dataSource);
        ApiClient.Response login = anonymous.post("/ui/session", Map.of("api_key", "not-a-key"));
        assertThat(login.status()).isEqualTo(401);
        assertThat(login.json().path("message").asString()).isEqualTo("the API key is not valid");
        assertThat(login.headers()).doesNotContainKey("set-cookie");
        assertThat(anonymous.post("/ui/session", Map.of("key", "x")).status()).as("unknown field").isEqualTo(400);
    }

    @Test
    void actions_need_the_csrf_token_and_reads_do_not(DataSource dataSource) {
        start(dataSource);
        ApiClient withoutToken = session(Dashboards.OPERATOR_KEY, false);
        assertThat(withoutToken.get("/v1/tasks").status()).isEqualTo(200);
        ApiClient.Response refused = withoutToken.post("/v1/dlq/staleness/detect", Map.of());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().path("message").asString()).contains("X-CSRF-Token");
        assertThat(withoutToken.delete("/ui/session").status()).as("logging out is an action too").isEqualTo(403);
        assertThat(withoutToken.with("X-API-Key", Dashboards.OPERATOR_KEY).post("/v1/dlq/staleness/detect", Map.of())
                .status()).as("a request with its own key is judged by the key").isEqualTo(200);
    }

    @Test
    void logging_out_ends_the_session_and_clears_the_cookie(DataSource dataSource) {
        start(dataSource);
        ApiClient browser = session(Dashboards.OPERATOR_KEY, true);
        ApiClient.Response out = browser.delete("/ui/session");
        assertThat(out.status()).isEqualTo(204);
        assertThat(out.headers().get("set-cookie")).contains("Max-Age=0");
        assertThat(browser.get("/v1/tasks").status()).isEqualTo(401);
        assertThat(browser.get("/ui/session").json().path("logged_in").asBoolean()).isFalse();
    }

    @Test
    void a_session_ends_after_the_session_lifetime(DataSource dataSource) {
        start(dataSource);
        ApiClient browser = session(Dashboards.OPERATOR_KEY, true);
        clock.advance(Duration.ofHours(7));
        assertThat(browser.get("/v1/tasks").status()).isEqualTo(200);
        clock.advance(Duration.ofHours(1).plusSeconds(1));
        assertThat(browser.get("/v1/tasks").status()).isEqualTo(401);
    }

    @Test
    void a_revoked_key_ends_its_sessions(DataSource dataSource) {
        start(dataSource);
        ApiClient admin = anonymous.with("X-API-Key", Dashboards.OPERATOR_KEY);
        assertThat(admin.post("/v1/admin/users", Map.of("external_id", "carol", "role", "viewer")).status())
                .isEqualTo(201);
        ApiClient.Response key = admin.post("/v1/admin/keys", Map.of("user", "carol"));
        ApiClient browser = session(key.json().path("key").asString(), false);
        assertThat(browser.get("/v1/tasks").status()).isEqualTo(200);
        assertThat(admin.delete("/v1/admin/keys/" + key.json().path("key_uuid").asString()).status()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(6));
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.get("/v1/tasks").status() == 401);
        assertThat(browser.get("/v1/tasks").json().path("message").asString()).isEqualTo("key revoked");
    }

    @Test
    void the_page_and_its_files_are_served_with_a_strict_content_security_policy(DataSource dataSource) {
        start(dataSource);
        for (String path : new String[] {"/ui", "/ui/", "/ui/assets/app.js", "/ui/assets/app.css"}) {
            ApiClient.Response page = anonymous.get(path);
            assertThat(page.status()).as(path).isEqualTo(200);
            assertThat(page.headers().get("content-security-policy")).contains("script-src 'self'");
            assertThat(page.headers().get("x-content-type-options")).isEqualTo("nosniff");
        }
        assertThat(anonymous.get("/ui/assets/app.js").headers().get("content-type")).startsWith("text/javascript");
        assertThat(anonymous.get("/ui/assets/openapi.yaml").status()).isEqualTo(404);
        assertThat(anonymous.get("/ui/assets/..%2Fapi%2Fopenapi.yaml").status()).isEqualTo(404);
        assertThat(anonymous.get("/ui/session").json().path("auth_required").asBoolean()).isTrue();
    }
}
