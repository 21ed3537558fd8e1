package io.tasker.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.tasker.identity.BuiltInRole;
import io.tasker.identity.Identity;
import io.tasker.identity.IssuedKey;
import io.tasker.identity.Org;
import io.tasker.identity.User;
import io.tasker.server.auth.AuthSettings;
import io.tasker.server.auth.Permission;
import io.tasker.testing.DatabaseTest;
import io.tasker.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Users' keys from the database: looked up by hash, permissions from roles, revocation and expiry within 5 s. */
@DatabaseTest
class KeyAuthApiTest {

    private static final Map<String, Object> TASK = Map.of("namespace", "linear_workflow",
            "name", "mathematical_sequence", "context", Map.of("even_number", 2));

    private final MutableClock clock = MutableClock.startingNow();

    private TaskerServer start(DataSource dataSource) {
        return TaskerServer.start(Servers.settings(dataSource).withAuth(AuthSettings.NONE.withRequired(true)), clock);
    }

    private Identity identity(DataSource dataSource) {
        return Identity.of(dataSource, clock, Permission.codes());
    }

    @Test
    void a_viewer_reads_but_cannot_create_a_task_and_a_developer_creates_in_its_own_name(DataSource dataSource) {
        Identity identity = identity(dataSource);
        identity.users().create(Org.DEFAULT_ID, "vera", Optional.empty(), BuiltInRole.VIEWER, Optional.empty());
        User dev = identity.users().create(Org.DEFAULT_ID, "dev", Optional.empty(), BuiltInRole.DEVELOPER,
                Optional.empty());
        String viewerKey = identity.keys().create(Org.DEFAULT_ID, "vera", "laptop", Optional.empty(), Optional.empty())
                .secret();
        String developerKey = identity.keys().create(Org.DEFAULT_ID, "dev", "ci", Optional.empty(), Optional.empty())
                .secret();
        try (TaskerServer server = start(dataSource)) {
            ApiClient anonymous = new ApiClient(server.baseUrl());
            ApiClient viewer = anonymous.with("X-API-Key", viewerKey);
            assertThat(anonymous.get("/v1/tasks").status()).as("credentials are required").isEqualTo(401);
            assertThat(viewer.get("/v1/tasks").status()).isEqualTo(200);
            ApiClient.Response denied = viewer.post("/v1/tasks", TASK);
            assertThat(denied.status()).isEqualTo(403);
            assertThat(denied.json().path("message").asString()).isEqualTo("'vera' lacks the permission tasks:create");

            ApiClient.Response created = anonymous.with("X-API-Key", developerKey).post("/v1/tasks", TASK);
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            assertThat(created.json().path("initiator").asString()).as("the initiator defaults to the caller")
                    .isEqualTo(dev.id().toString());
        }
    }

    @Test
    void a_revoked_key_is_refused_within_five_seconds_and_an_expired_one_at_once(DataSource dataSource) {
        Identity identity = identity(dataSource);
        identity.users().create(Org.DEFAULT_ID, "ops", Optional.empty(), BuiltInRole.OPERATOR, Optional.empty());
        IssuedKey key = identity.keys().create(Org.DEFAULT_ID, "ops", "pager", Optional.empty(), Optional.empty());
        IssuedKey shortLived = identity.keys().create(Org.DEFAULT_ID, "ops", "temp",
                Optional.of(clock.instant().plus(Duration.ofMinutes(10))), Optional.empty());
        try (TaskerServer server = start(dataSource)) {
            ApiClient api = new ApiClient(server.baseUrl()).with("X-API-Key", key.secret());
            assertThat(api.get("/v1/tasks").status()).isEqualTo(200);

            // Revoked by another process (the CLI on the database): this server notices within the cache's life.
            identity.keys().revoke(Org.DEFAULT_ID, key.key().keyUuid(), Optional.empty());
            clock.advance(Duration.ofSeconds(5));
            ApiClient.Response revoked = api.get("/v1/tasks");
            assertThat(revoked.status()).isEqualTo(401);
            assertThat(revoked.json().path("message").asString()).isEqualTo("key revoked");

            ApiClient temp = new ApiClient(server.baseUrl()).with("X-API-Key", shortLived.secret());
            assertThat(temp.get("/v1/tasks").status()).isEqualTo(200);
            clock.advance(Duration.ofMinutes(11));
            ApiClient.Response expired = temp.get("/v1/tasks");
            assertThat(expired.status()).isEqualTo(401);
            assertThat(expired.json().path("message").asString()).isEqualTo("key expired");
            assertThat(new ApiClient(server.baseUrl()).with("X-API-Key", "tsk_not-a-key").get("/v1/tasks").status())
                    .isEqualTo(401);
        }
    }

    @Test
    void a_disabled_user_cannot_authenticate_and_bootstrap_keys_still_work(DataSource dataSource) {
        Identity identity = identity(dataSource);
        identity.users().create(Org.DEFAULT_ID, "root", Optional.empty(), BuiltInRole.ADMIN, Optional.empty());
        identity.users().create(Org.DEFAULT_ID, "temp", Optional.empty(), BuiltInRole.DEVELOPER, Optional.empty());
        String secret = identity.keys().create(Org.DEFAULT_ID, "temp", "x", Optional.empty(), Optional.empty()).secret();
        identity.users().disable(Org.DEFAULT_ID, "temp", Optional.empty());
        AuthSettings bootstrap = new AuthSettings(List.of(new AuthSettings.ApiKey("ops", "bootstrap-key-1",
                java.util.Set.of(Permission.TASKS_READ))), Optional.empty());
        try (TaskerServer server = TaskerServer.start(Servers.settings(dataSource).withAuth(bootstrap), clock)) {
            ApiClient.Response disabled = new ApiClient(server.baseUrl()).with("X-API-Key", secret).get("/v1/tasks");
            assertThat(disabled.status()).isEqualTo(401);
            assertThat(disabled.json().path("message").asString()).isEqualTo("user 'temp' is disabled");
            ApiClient ops = new ApiClient(server.baseUrl()).with("X-API-Key", "bootstrap-key-1");
            assertThat(ops.get("/v1/tasks").status()).isEqualTo(200);
            assertThat(ops.post("/v1/tasks", TASK).status()).isEqualTo(403);
        }
    }
}
