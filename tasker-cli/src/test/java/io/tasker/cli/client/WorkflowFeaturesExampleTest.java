package io.tasker.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.tasker.cli.CliRun;
import io.tasker.cli.ExitCodes;
import io.tasker.json.Json;
import io.tasker.testing.DatabaseTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The worked example of docs/workflow-features.md, run as written: its template on a server, then its command lines
 * one by one ({@code $TASK} and {@code $SCHEDULE} are the uuids the commands before printed).
 */
@DatabaseTest
class WorkflowFeaturesExampleTest {

    static final Path DOC = Path.of(System.getProperty("basedir", ".")).resolve("../docs/workflow-features.md")
            .normalize();

    @Test
    void the_documented_signal_wait_rerun_and_schedule_session_runs(DataSource dataSource) throws Exception {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        Matcher template = Pattern.compile("(?s)<!-- workflow-template -->\\n```yaml\\n(.*?)```").matcher(doc);
        Matcher session = Pattern.compile("(?s)<!-- workflow-example -->\\n```sh\\n(.*?)```").matcher(doc);
        assertThat(template.find()).as("the template block").isTrue();
        assertThat(session.find()).as("the session block").isTrue();
        Map<String, String> variables = new HashMap<>();
        Map<String, String> outputs = new HashMap<>();
        try (ClientServer server = ClientServer.startWithTemplates(dataSource, List.of(template.group(1)))) {
            for (String line : session.group(1).strip().split("\n")) {
                assertThat(line).startsWith("bin/tasker ");
                List<String> args = new ArrayList<>();
                for (String word : words(line.substring("bin/tasker ".length()))) {
                    args.add(variables.getOrDefault(word, word));
                }
                CliRun run = server.run(args.toArray(String[]::new));
                assertThat(run.exitCode()).as(line + ": " + run.err() + run.out()).isEqualTo(ExitCodes.OK);
                outputs.put(args.get(0) + " " + args.get(1), run.out());
                uuidAfter(run.out(), "Task:").ifPresent(uuid -> variables.putIfAbsent("$TASK", uuid));
                uuidAfter(run.out(), "Schedule:").ifPresent(uuid -> variables.put("$SCHEDULE", uuid));
            }
            assertThat(outputs.get("task signal")).contains("payment_confirmed");
            assertThat(outputs.get("task wait")).containsPattern("Status: +complete");
            assertThat(outputs.get("task rerun")).contains("Re-run of").contains(variables.get("$TASK"));
            assertThat(outputs.get("schedule list")).contains("0 6 * * *").contains("Europe/Paris").contains("yes");

            JsonNode task = server.getJson("/v1/tasks/" + variables.get("$TASK"));
            JsonNode payment = ClientServer.stepNamed(task, "payment");
            assertThat(Json.write(payment.path("results"))).contains("42.5");
            JsonNode family = server.getJson("/v1/tasks?correlation_id=" + task.path("correlation_id").asString());
            assertThat(family.path("tasks")).as("the original and its re-run").hasSize(2);
        }
    }

    private static java.util.Optional<String> uuidAfter(String out, String label) {
        Matcher m = Pattern.compile(Pattern.quote(label) + " +([0-9a-f-]{36})").matcher(out);
        return m.find() ? java.util.Optional.of(m.group(1)) : java.util.Optional.empty();
    }

    /** Splits a command line as a shell would for these lines: words, and single- or double-quoted words. */
    private static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        Matcher word = Pattern.compile("'([^']*)'|\"([^\"]*)\"|(\\S+)").matcher(line);
        while (word.find()) {
            words.add(word.group(1) != null ? word.group(1) : word.group(2) != null ? word.group(2) : word.group(3));
        }
        return words;
    }
}
