package io.tasker.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.tasker.cli.CliRun;
import io.tasker.cli.ExitCodes;
import io.tasker.json.Json;
import io.tasker.server.auth.AuthSettings;
import io.tasker.testing.DatabaseTest;
import io.tasker.testing.MutableClock;
import io.tasker.testing.TestPostgres;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code tasker admin ...} on the database: the first admin and its key, before any key exists. */
@DatabaseTest
class AdminCommandTest {

    private static CliRun admin(String... args) {
        return CliRun.of(Stream.concat(Stream.concat(Stream.of("admin"), Arrays.stream(args)),
                Stream.of("--database-url", TestPostgres.shared().jdbcUrl())).toArray(String[]::new));
    }

    private static JsonNode adminJson(String... args) {
        CliRun run = admin(Stream.concat(Arrays.stream(args), Stream.of("--json")).toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        return Json.parse(run.out());
    }

    @Test
    void a_key_created_by_the_cli_authenticates_until_it_is_revoked(DataSource dataSource) {
        CliRun created = admin("user", "create", "root", "--role", "admin", "--email", "root@example.test");
        assertThat(created.exitCode()).as(created.err()).isEqualTo(ExitCodes.OK);
        assertThat(created.out()).startsWith("Created user root (admin) in org default, id ");
        CliRun key = admin("key", "create", "root", "--name", "laptop");
        assertThat(key.exitCode()).as(key.err()).isEqualTo(ExitCodes.OK);
        String secret = key.out().lines().reduce((first, second) -> second).orElseThrow();
        assertThat(secret).startsWith("tsk_");
        assertThat(admin("key", "list").out()).contains("laptop", secret.substring(0, 12)).doesNotContain(secret);

        MutableClock clock = MutableClock.startingNow();
        try (ClientServer server = ClientServer.startApiOnly(dataSource, AuthSettings.NONE.withRequired(true), clock)) {
            assertThat(server.run("task", "list").exitCode()).isEqualTo(ExitCodes.DENIED);
            CliRun listed = server.run("task", "list", "--api-key", secret);
            assertThat(listed.exitCode()).as(listed.err()).isEqualTo(ExitCodes.OK);
            CliRun whoami = server.run("whoami", "--api-key", secret);
            assertThat(whoami.out()).contains("root").contains("default").contains("admin");

            String keyUuid = adminJson("key", "list").get(0).path("key_uuid").asString();
            assertThat(admin("key", "revoke", keyUuid).out()).startsWith("Revoked key " + keyUuid + " (laptop)");
            clock.advance(Duration.ofSeconds(5));
            CliRun refused = server.run("task", "list", "--api-key", secret);
            assertThat(refused.exitCode()).isEqualTo(ExitCodes.DENIED);
            assertThat(refused.err()).contains("key revoked");
        }
    }

    @Test
    void orgs_users_and_roles_with_readable_and_json_output_and_clear_errors() {
        assertThat(admin("org", "create", "acme", "--name", "Acme Corp").out()).startsWith("Created org acme (Acme Corp)");
        assertThat(adminJson("org", "list").findValuesAsString("slug")).containsExactly("default", "acme");
        CliRun duplicate = admin("org", "create", "acme");
        assertThat(duplicate.exitCode()).isEqualTo(ExitCodes.CONFLICT);
        assertThat(duplicate.err()).isEqualTo("tasker: an org with slug 'acme' exists already\n");
        assertThat(admin("user", "create", "ann", "--org", "nope").exitCode()).isEqualTo(ExitCodes.NOT_FOUND);

        adminJson("user", "create", "ann", "--org", "acme", "--role", "admin");
        adminJson("user", "create", "bob", "--org", "acme", "--role", "worker");
        CliRun lastAdmin = admin("user", "disable", "ann", "--org", "acme");
        assertThat(lastAdmin.exitCode()).isEqualTo(ExitCodes.CONFLICT);
        assertThat(lastAdmin.err()).contains("last enabled admin");

        CliRun unknown = admin("role", "create", "readers", "--org", "acme", "-p", "tasks:read,tasks:fly");
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.err()).startsWith("tasker: unknown permission 'tasks:fly'");
        adminJson("role", "create", "readers", "--org", "acme", "-p", "tasks:read");
        JsonNode granted = adminJson("role", "grant", "readers", "--org", "acme", "--user", "bob",
                "--permission", "templates:read");
        assertThat(granted.path("members").toString()).isEqualTo("[\"bob\"]");
        assertThat(granted.path("permissions").toString()).isEqualTo("[\"tasks:read\",\"templates:read\"]");
        assertThat(admin("role", "grant", "ghosts", "--org", "acme", "--user", "bob").exitCode())
                .isEqualTo(ExitCodes.NOT_FOUND);

        CliRun roles = admin("role", "list", "--org", "acme");
        assertThat(roles.out()).containsPattern("readers +custom +tasks:read, templates:read +bob")
                .containsPattern("worker +built-in +workers:claim");
        assertThat(admin("user", "list", "--org", "acme").out()).containsPattern("bob +worker +enabled");
        assertThat(admin("user", "disable", "bob", "--org", "acme").out()).isEqualTo("Disabled user bob of org acme\n");
    }
}
