package io.tasker.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.tasker.cli.CliRun;
import io.tasker.cli.ExitCodes;
import io.tasker.server.auth.AuthSettings;
import io.tasker.testing.DatabaseTest;
import io.tasker.testing.MutableClock;
import io.tasker.testing.TestPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The worked example of docs/cli.md's "Orgs, users, roles and keys", run line by line as written. */
@DatabaseTest
class AdminCliExampleTest {

    static final Path CLI_DOC = Path.of(System.getProperty("basedir", ".")).resolve("../docs/cli.md").normalize();

    @Test
    void the_documented_admin_example_runs_and_its_key_authenticates(DataSource dataSource) throws Exception {
        String doc = Files.readString(CLI_DOC, StandardCharsets.UTF_8);
        Matcher block = Pattern.compile("(?s)<!-- admin-example -->\\n```sh\\n(.*?)```").matcher(doc);
        assertThat(block.find()).as("the example block in docs/cli.md").isTrue();
        String lastOut = "";
        String key = null;
        for (String line : block.group(1).strip().split("\n")) {
            assertThat(line).startsWith("bin/tasker ");
            List<String> args = new ArrayList<>(words(line.substring("bin/tasker ".length())));
            args.addAll(List.of("--database-url", TestPostgres.shared().jdbcUrl()));
            CliRun run = CliRun.of(args.toArray(String[]::new));
            assertThat(run.exitCode()).as(line + ": " + run.err()).isEqualTo(ExitCodes.OK);
            if (line.contains(" key create ")) {
                key = run.out().strip().lines().reduce((a, b) -> b).orElseThrow();
            }
            lastOut = run.out();
        }
        assertThat(lastOut).containsPattern("auditors +custom +analytics:read, dlq:read +carol");
        assertThat(key).startsWith("tsk_");
        try (ClientServer server = ClientServer.startApiOnly(dataSource, AuthSettings.NONE.withRequired(true),
                MutableClock.startingNow())) {
            CliRun whoami = server.run("whoami", "--api-key", key);
            assertThat(whoami.exitCode()).as(whoami.err()).isEqualTo(ExitCodes.OK);
            assertThat(whoami.out()).containsPattern("User: +alice ").containsPattern("Org: +default")
                    .containsPattern("Roles: +admin").containsPattern("Authenticated by: +api_key");
        }
    }

    /** Splits a command line as a shell would for these lines: words, and double-quoted words with spaces. */
    private static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        Matcher word = Pattern.compile("\"([^\"]*)\"|(\\S+)").matcher(line);
        while (word.find()) {
            words.add(word.group(1) != null ? word.group(1) : word.group(2));
        }
        return words;
    }
}
