package io.tasker.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.tasker.cli.CliRun;
import io.tasker.cli.ExitCodes;
import io.tasker.server.auth.AuthSettings;
import io.tasker.server.auth.Permission;
import io.tasker.testing.DatabaseTest;
import java.net.ServerSocket;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Reaching the server: unreachable addresses, bad URLs, API keys. */
@DatabaseTest
class ClientConnectionTest {

    @Test
    void an_unreachable_server_is_one_line_and_exit_code_4() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort;
        CliRun run = CliRun.of("task", "list", "--url", url);
        assertThat(run.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(run.errLines()).singleElement().asString()
                .isEqualTo("tasker: cannot reach the Tasker server at " + url + ": connection refused");
        assertThat(CliRun.of("system", "health", "--url", url).exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
    }

    @Test
    void a_url_that_is_not_http_is_a_usage_error() {
        CliRun run = CliRun.of("task", "list", "--url", "ftp://example.org");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.errLines()).singleElement().asString().startsWith("tasker: invalid --url 'ftp://example.org'");
    }

    @Test
    void with_api_keys_a_missing_key_exits_6_and_the_right_key_works(DataSource dataSource) {
        AuthSettings auth = new AuthSettings(List.of(new AuthSettings.ApiKey("reader", "k1",
                Set.of(Permission.TASKS_READ))), Optional.empty());
        try (ClientServer server = ClientServer.start(dataSource, auth)) {
            CliRun anonymous = server.run("task", "list");
            assertThat(anonymous.exitCode()).isEqualTo(ExitCodes.DENIED);
            assertThat(anonymous.errLines()).singleElement().asString().startsWith("tasker: ")
                    .contains("--api-key");

            CliRun reader = server.run("task", "list", "--api-key", "k1");
            assertThat(reader.exitCode()).as(reader.err()).isEqualTo(ExitCodes.OK);
            assertThat(reader.out()).isEqualTo("no tasks\n");

            assertThat(server.run("task", "list", "--api-key", "wrong").exitCode()).isEqualTo(ExitCodes.DENIED);
            CliRun forbidden = server.run("template", "list", "--api-key", "k1");
            assertThat(forbidden.exitCode()).as("k1 may only read tasks").isEqualTo(ExitCodes.DENIED);
            assertThat(forbidden.errLines()).hasSize(1);
        }
    }
}
