package io.tasker.cli.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tasker.cli.CliRun;
import io.tasker.cli.ExitCodes;
import io.tasker.examples.data.SalesExample;
import io.tasker.testing.DatabaseTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code docs/data-pipelines.md} runs as written: its DAG is the shipped example, its commands run against a real
 * server with the sample orders, and the query prints exactly what the page shows.
 */
@DatabaseTest
class DataPipelinesDocTest {

    static final Path DOC = Path.of(System.getProperty("basedir", ".")).resolve("../docs/data-pipelines.md")
            .normalize();

    @Test
    void the_example_of_the_data_pipelines_page_runs_as_written(DataSource dataSource, @TempDir Path dir)
            throws Exception {
        String doc = Files.readString(DOC);
        assertThat(block(doc, "```yaml")).isEqualTo(SalesExample.dag());
        List<String> commands = block(doc, "```bash").lines().toList();
        String expected = block(doc, "```text");
        SalesExample.copyOrders(dir.resolve("input"));
        Files.writeString(dir.resolve("sales.yaml"), block(doc, "```yaml"));
        try (ClientServer server = ClientServer.startWithData(dataSource, dir)) {
            String last = "";
            for (String command : commands) {
                assertThat(command).startsWith("bin/tasker ");
                List<String> args = new ArrayList<>(words(command.substring("bin/tasker ".length())));
                args.replaceAll(arg -> arg.equals("sales.yaml") ? dir.resolve("sales.yaml").toString() : arg);
                if (args.get(0).equals("query")) {
                    await().atMost(Duration.ofSeconds(60)).until(() -> server.json("job", "runs", "sales",
                            "daily_totals", "--status", "succeeded").path("pagination").path("total_count")
                            .asInt() == 3);
                }
                CliRun run = server.run(args.toArray(String[]::new));
                assertThat(run.exitCode()).as(command + ": " + run.err()).isEqualTo(ExitCodes.OK);
                last = run.out();
            }
            assertThat(last).isEqualTo(expected);
        }
    }

    /** The body of the first fenced block that opens with {@code fence}. */
    static String block(String doc, String fence) {
        int start = doc.indexOf(fence + "\n") + fence.length() + 1;
        return doc.substring(start, doc.indexOf("```\n", start));
    }

    /** Splits a shell line into words, keeping "double-quoted" words whole. */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        String[] quoted = line.split("\"");
        for (int i = 0; i < quoted.length; i++) {
            if (i % 2 == 1) {
                words.add(quoted[i]);
            } else {
                Arrays.stream(quoted[i].trim().split("\\s+")).filter(w -> !w.isEmpty()).forEach(words::add);
            }
        }
        return words;
    }
}
