package io.tasker.examples;

import static org.assertj.core.api.Assertions.assertThat;
import io.tasker.Tasker;
import io.tasker.handler.StepResult;
import io.tasker.state.TaskState;
import io.tasker.task.CreatedTask;
import io.tasker.task.TaskRequest;
import io.tasker.testing.DatabaseTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;


/** The example in the README, as written there. */
@DatabaseTest
class ReadmeExampleTest {

    static final Path README = Path.of(System.getProperty("basedir", ".")).resolve("../README.md").normalize();

    @Test
    void the_readme_example_greets_ada(DataSource dataSource) throws Exception {
        String java = section(Files.readString(README, StandardCharsets.UTF_8), "```java\n", "```");
        String template = section(java, "String template = \"\"\"\n", "\"\"\";").stripIndent();
        assertThat(java).as("the README's handlers are the ones run here")
                .contains(".handler(\"compose\", ctx -> StepResult.success(")
                .contains("Map.of(\"text\", \"hello \" + ctx.taskContext().path(\"name\").asString())))")
                .contains("Map.of(\"text\", ctx.dependencyResult(\"compose\").orElseThrow().path(\"text\").asString()"
                        + ".toUpperCase())))")
                .contains("TaskRequest.of(\"hello\", \"greet_loudly\").context(Map.of(\"name\", \"ada\"))");
        TaskState state;
        CreatedTask task;
        try (Tasker tasker = Tasker.builder(dataSource)
                .handler("compose", ctx -> StepResult.success(
                        Map.of("text", "hello " + ctx.taskContext().path("name").asString())))
                .handler("shout", ctx -> StepResult.success(
                        Map.of("text", ctx.dependencyResult("compose").orElseThrow().path("text").asString().toUpperCase())))
                .template(template)
                .start()) {
            task = tasker.createTask(TaskRequest.of("hello", "greet_loudly").context(Map.of("name", "ada")).build());
            state = tasker.awaitCompletion(task.taskUuid(), Duration.ofSeconds(10));
            assertThat(tasker.tasks().step(task.taskUuid(), "shout").orElseThrow().row().results()
                    .path("text").asString()).isEqualTo("HELLO ADA");
        }
        assertThat(state).isEqualTo(TaskState.COMPLETE);
    }

    private static String section(String text, String begin, String end) {
        int from = text.indexOf(begin);
        assertThat(from).as("README contains " + begin).isNotNegative();
        int to = text.indexOf(end, from + begin.length());
        return text.substring(from + begin.length(), to);
    }
}
