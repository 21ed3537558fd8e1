package io.tasker.cli.board;

import static org.assertj.core.api.Assertions.assertThat;

import io.tasker.cli.CliRun;
import io.tasker.testing.DatabaseTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The two-agent walkthrough of {@code docs/board.md}, run line by line as written, with the exit codes it states. */
@DatabaseTest
class BoardWalkthroughTest {

    static final Path DOC = Path.of(System.getProperty("basedir", ".")).resolve("../docs/board.md").normalize();
    private static final Pattern CAPTURE = Pattern.compile("([A-Z_]+)=\\$\\((.*)\\)");
    private static final Pattern EXIT = Pattern.compile("(.*?)\\s+# exit (\\d)");
    private static final Pattern VARIABLE = Pattern.compile("\\$([A-Z_]+)");

    @Test
    void the_walkthrough_for_two_agents_runs_as_written(DataSource dataSource) throws IOException {
        List<String> lines = walkthrough();
        assertThat(lines).hasSizeGreaterThan(15);
        Map<String, String> variables = new HashMap<>();
        try (BoardCli cli = new BoardCli(dataSource)) {
            for (String line : lines) {
                int expected = 0;
                Matcher exit = EXIT.matcher(line);
                if (exit.matches()) {
                    line = exit.group(1);
                    expected = Integer.parseInt(exit.group(2));
                }
                String variable = null;
                Matcher capture = CAPTURE.matcher(line);
                if (capture.matches()) {
                    variable = capture.group(1);
                    line = capture.group(2);
                }
                List<String> words = BoardCli.words(substitute(line, variables));
                assertThat(words.subList(0, 2)).as(line).containsExactly("tasker", "board");
                CliRun run = cli.board(words.subList(2, words.size()).toArray(String[]::new));
                assertThat(run.exitCode()).as(line + "\n" + run.out() + run.err()).isEqualTo(expected);
                if (variable != null) {
                    variables.put(variable, run.out().strip());
                }
            }
            String api = variables.get("API");
            assertThat(cli.json("show", api).path("status").asString()).isEqualTo("completed");
            assertThat(cli.json("context", variables.get("SCHEMA"), "--agent", "alice").path("entries"))
                    .extracting(e -> e.path("type").asString()).containsExactly("shared", "discovery");
        }
    }

    private static String substitute(String line, Map<String, String> variables) {
        Matcher m = VARIABLE.matcher(line);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, variables.getOrDefault(m.group(1), "UNSET_" + m.group(1)));
        }
        m.appendTail(out);
        return out.toString();
    }

    static List<String> walkthrough() throws IOException {
        String text = Files.readString(DOC);
        String section = text.substring(text.indexOf("## Walkthrough: two agents"));
        String block = section.substring(section.indexOf("```sh\n") + 6);
        block = block.substring(0, block.indexOf("```"));
        return block.lines().filter(l -> !l.isBlank()).toList();
    }
}
