package io.tasker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tasker.testing.PasswordRole;
import io.tasker.testing.TestPostgres;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DbCommandTest {

    @TempDir
    Path temp;

    @Test
    void migrate_reports_the_schema_version() {
        CliRun run = CliRun.of("db", "migrate", "--database-url", TestPostgres.shared().jdbcUrl());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).matches("(?s)Schema tasker is at version [0-9.]+ \\(0 migrations applied\\) on jdbc:postgresql://.*");
    }

    @Test
    void info_shows_database_and_schema_version() {
        CliRun run = CliRun.of("db", "info", "--database-url", TestPostgres.shared().jdbcUrl());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("external PostgreSQL").containsPattern("Schema version:  [0-9.]+")
                .contains("Schema current:  yes");
    }

    @Test
    void schema_doc_writes_the_committed_document() throws Exception {
        Path output = temp.resolve("schema.md");
        CliRun run = CliRun.of("db", "schema-doc", "--output", output.toString(),
                "--database-url", TestPostgres.shared().jdbcUrl());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        Path committed = Path.of(System.getProperty("basedir", ".")).resolve("../docs/database-schema.md");
        assertThat(Files.readString(output, StandardCharsets.UTF_8))
                .isEqualTo(Files.readString(committed, StandardCharsets.UTF_8));
    }

    @Test
    void unreachable_database_is_one_line_and_exit_code_4() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        CliRun run = CliRun.of("db", "migrate", "--database-url", "postgresql://u:p@127.0.0.1:" + closedPort + "/x");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(run.errLines()).singleElement().asString().startsWith("tasker: cannot reach PostgreSQL at");
    }

    @Test
    void wrong_password_is_one_line_and_exit_code_4() {
        TestPostgres postgres = TestPostgres.shared();
        PasswordRole.ensure(postgres);
        CliRun run = CliRun.of("db", "migrate", "--database-url", "postgresql://" + PasswordRole.NAME
                + ":not-it@127.0.0.1:" + postgres.port() + "/" + TestPostgres.DATABASE);
        assertThat(run.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(run.errLines()).singleElement().asString()
                .startsWith("tasker: authentication failed for user '" + PasswordRole.NAME + "'")
                .doesNotContain("not-it");
    }

    @Test
    void postgres_16_is_refused_with_one_line_and_exit_code_4() {
        try (TestPostgres postgres16 = TestPostgres.start(16)) {
            CliRun run = CliRun.of("db", "migrate", "--database-url", postgres16.jdbcUrl("postgres"));
            assertThat(run.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
            assertThat(run.errLines()).singleElement().asString()
                    .matches("tasker: PostgreSQL 16\\.\\d+ is not supported: Tasker needs PostgreSQL 17 or newer");
        }
    }

    @Test
    void an_invalid_url_is_a_usage_error() {
        CliRun run = CliRun.of("db", "migrate", "--database-url", "mysql://localhost/db");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.errLines()).singleElement().asString().startsWith("tasker: invalid database URL");
    }

    @Test
    void an_unknown_option_is_a_usage_error() {
        CliRun run = CliRun.of("db", "migrate", "--no-such-option");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).startsWith("tasker: Unknown option: '--no-such-option'");
    }
}
