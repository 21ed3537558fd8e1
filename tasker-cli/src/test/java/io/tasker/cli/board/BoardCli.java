package io.tasker.cli.board;

import static org.assertj.core.api.Assertions.assertThat;

import io.tasker.cli.CliRun;
import io.tasker.cli.ExitCodes;
import io.tasker.json.Json;
import io.tasker.server.Role;
import io.tasker.server.ServerSettings;
import io.tasker.server.TaskerServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.sql.DataSource;
import tools.jackson.databind.JsonNode;

/** A server with only the API on the test database, and {@code tasker board ...} pointed at it. */
final class BoardCli implements AutoCloseable {

    private final TaskerServer server;

    BoardCli(DataSource dataSource) {
        this.server = TaskerServer.start(ServerSettings.defaults()
                .withDataSource(dataSource)
                .withListen("127.0.0.1", 0)
                .withTimings(Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ofSeconds(5))
                .withRoles(EnumSet.of(Role.API), List.of())
                .withTemplates(List.of(), Optional.empty()));
    }

    String url() {
        return server.baseUrl();
    }

    /** {@code tasker board ARGS... --url <server>}. */
    CliRun board(String... args) {
        return CliRun.of(Stream.concat(Stream.concat(Stream.of("board"), Arrays.stream(args)),
                Stream.of("--url", url())).toArray(String[]::new));
    }

    /** The command with {@code --json}; it must succeed. */
    JsonNode json(String... args) {
        CliRun run = board(Stream.concat(Arrays.stream(args), Stream.of("--json")).toArray(String[]::new));
        assertThat(run.exitCode()).as(String.join(" ", args) + ": " + run.err()).isEqualTo(ExitCodes.OK);
        return Json.parse(run.out());
    }

    /** The command; it must succeed; returns what it printed, trimmed. */
    String ok(String... args) {
        CliRun run = board(args);
        assertThat(run.exitCode()).as(String.join(" ", args) + ": " + run.err()).isEqualTo(ExitCodes.OK);
        return run.out().strip();
    }

    /** Splits a command line as a shell would for the words used in the docs: spaces, and double quotes. */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
                any = true;
            } else if (c == ' ' && !quoted) {
                if (any) {
                    words.add(word.toString());
                }
                word.setLength(0);
                any = false;
            } else {
                word.append(c);
                any = true;
            }
        }
        if (any) {
            words.add(word.toString());
        }
        return words;
    }

    @Override
    public void close() {
        server.close();
    }
}
