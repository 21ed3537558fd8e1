package io.tasker.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.tasker.Tasker;
import io.tasker.engine.CreatedTask;
import io.tasker.engine.TaskRequest;
import io.tasker.handler.StepResult;
import io.tasker.state.TaskState;
import io.tasker.testing.DatabaseTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example in the README, as written there. */
@DatabaseTest
class ReadmeExampleTest {

    @Test
    void the_readme_example_greets_ada(DataSource dataSource, @TempDir Path directory) throws Exception {
        Files.createDirectories(directory.resolve("templates"));
        Files.writeString(directory.resolve("templates/greeting.yaml"), """
                name: greet
                namespace_name: hello
                version: 1.0.0
                steps:
                  - name: compose
                    handler: {callable: compose}
                  - name: shout
                    depends_on: [compose]
                    handler: {callable: shout}
                    retry: {max_attempts: 5, backoff: exponential, backoff_base_ms: 200}
                """);
        TaskState state;
        CreatedTask task;
        try (Tasker tasker = Tasker.builder(dataSource)
                .handler("compose", ctx -> StepResult.success(
                        Map.of("text", "hello " + ctx.taskContext().path("name").asString())))
                .handler("shout", ctx -> StepResult.success(
                        Map.of("text", ctx.dependencyResult("compose").orElseThrow().path("text").asString().toUpperCase())))
                .templates(directory.resolve("templates"))
                .start()) {
            task = tasker.createTask(TaskRequest.of("hello", "greet").context(Map.of("name", "ada")).build());
            state = tasker.awaitCompletion(task.taskUuid(), Duration.ofSeconds(10));
            assertThat(tasker.tasks().step(task.taskUuid(), "shout").orElseThrow().row().results()
                    .path("text").asString()).isEqualTo("HELLO ADA");
        }
        assertThat(state).isEqualTo(TaskState.COMPLETE);
    }
}
