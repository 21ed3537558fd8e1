package io.tasker.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.tasker.cli.CliRun;
import io.tasker.cli.ExitCodes;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code tasker task visualize} against a real server. */
class TaskVisualizeCommandTest extends WithClientServer {

    private String task;

    @BeforeEach
    void finishATask() {
        task = server.finishedTask("linear_workflow", "mathematical_sequence", "{\"even_number\": 2}")
                .path("task_uuid").asString();
    }

    @Test
    void mermaid_is_a_flowchart_with_every_step_and_dependency() {
        CliRun run = server.run("task", "visualize", task);
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).startsWith("flowchart TD\n");
        assertThat(count("(?m)^    s\\d+\\[\"linear_step_\\d<br/>complete\"]$", run.out())).isEqualTo(4);
        assertThat(count("(?m)^    s\\d+ --> s\\d+$", run.out())).isEqualTo(3);
        assertThat(run.out()).contains("    s0 --> s1\n    s1 --> s2\n    s2 --> s3\n")
                .contains("classDef complete fill:")
                .contains("classDef error fill:")
                .contains("    class s0,s1,s2,s3 complete\n");
    }

    @Test
    void dot_is_a_digraph_with_nodes_coloured_by_state() {
        CliRun run = server.run("task", "visualize", task, "--format", "dot");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).startsWith("digraph task {\n").endsWith("}\n");
        assertThat(count("(?m)^    s\\d+ \\[label=\"linear_step_\\d\\\\ncomplete\", fillcolor=\"#c8e6c9\"", run.out()))
                .isEqualTo(4);
        assertThat(count("(?m)^    s\\d+ -> s\\d+;$", run.out())).isEqualTo(3);
    }

    @Test
    void an_unknown_format_is_a_usage_error() {
        CliRun run = server.run("task", "visualize", task, "--format", "svg");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("expected mermaid or dot");
    }

    private static int count(String regex, String text) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        int found = 0;
        while (matcher.find()) {
            found++;
        }
        return found;
    }
}
