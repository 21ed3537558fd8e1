package io.tasker.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tasker.Tasker;
import io.tasker.task.TaskRequest;
import io.tasker.handler.Checkpoint;
import io.tasker.handler.RetryableError;
import io.tasker.handler.StepContext;
import io.tasker.handler.StepResult;
import io.tasker.store.rows.WorkflowStepRow;
import io.tasker.testing.DatabaseTest;
import io.tasker.testing.Engines;
import io.tasker.testing.Invariants;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.StringNode;

/**
 * What a handler produces that PostgreSQL cannot store fails its step at once with a clear error, instead of
 * failing to commit, expiring the lease and running the step again and again; a failure is stored whatever it says;
 * a requested retry delay is at most a day.
 */
@DatabaseTest
class UnstorableResultsTest {

    private static final String TEMPLATE = """
            name: unstorable
            namespace_name: storage
            version: 1.0.0
            identity_strategy: always_unique
            steps:
              - {name: only, handler: {callable: producer}, retry: {max_attempts: 3, backoff: none}}
            """;

    static StepResult produce(StepContext ctx) {
        return switch (ctx.taskContext().path("case").asString()) {
            case "nul_result" -> StepResult.success(Map.of("text", "a\u0000b"));
            case "nan_result" -> StepResult.success(Map.of("ratio", Double.NaN));
            case "nul_checkpoint" -> {
                ctx.saveCheckpoint(new Checkpoint(StringNode.valueOf("c\u0000"), 1, null));
                yield StepResult.success(Map.of());
            }
            case "huge_checkpoint" -> {
                ctx.saveCheckpoint(new Checkpoint(StringNode.valueOf("x".repeat(5_000)), 1, null));
                yield StepResult.success(Map.of());
            }
            default -> throw new RetryableError("busy\u0000", Duration.ofSeconds(9_999_999_999_999L));
        };
    }

    private static WorkflowStepRow run(Tasker tasker, String scenario, String untilState) {
        UUID task = tasker.createTask(TaskRequest.of("storage", "unstorable")
                .context(Map.of("case", scenario)).build()).taskUuid();
        await().atMost(Duration.ofSeconds(30)).until(() ->
                tasker.tasks().step(task, "only").orElseThrow().row().currentState().equals(untilState));
        return tasker.tasks().step(task, "only").orElseThrow().row();
    }

    @Test
    void results_and_checkpoints_that_cannot_be_stored_fail_the_step_on_its_first_attempt(DataSource dataSource) {
        try (Tasker tasker = Engines.fast(dataSource).maxResultBytes(1_000)
                .handler("producer", UnstorableResultsTest::produce).template(TEMPLATE).start()) {
            WorkflowStepRow nul = run(tasker, "nul_result", "error");
            assertThat(nul.attempts()).isEqualTo(1);
            assertThat(nul.results().path("error").path("type").asString()).isEqualTo("ResultNotStorable");
            assertThat(nul.results().path("error").path("message").asString())
                    .isEqualTo("result.text: must not contain the NUL character (\\u0000)");

            WorkflowStepRow nan = run(tasker, "nan_result", "error");
            assertThat(nan.results().path("error").path("message").asString())
                    .isEqualTo("result.ratio: must be a finite number, not NaN");

            WorkflowStepRow checkpoint = run(tasker, "nul_checkpoint", "error");
            assertThat(checkpoint.attempts()).isEqualTo(1);
            assertThat(checkpoint.results().path("error").path("message").asString())
                    .isEqualTo("checkpoint not saved: cursor: must not contain the NUL character (\\u0000)");

            WorkflowStepRow huge = run(tasker, "huge_checkpoint", "error");
            assertThat(huge.results().path("error").path("message").asString())
                    .startsWith("checkpoint not saved: its cursor and accumulated_results are 5006 bytes");
        }
        Invariants.check(dataSource);
    }

    @Test
    void a_failure_is_stored_whatever_it_says_and_waits_at_most_a_day(DataSource dataSource) {
        try (Tasker tasker = Engines.fast(dataSource)
                .handler("producer", UnstorableResultsTest::produce).template(TEMPLATE).start()) {
            WorkflowStepRow waiting = run(tasker, "retry_forever", "waiting_for_retry");
            assertThat(waiting.results().path("error").path("message").asString()).isEqualTo("busy\uFFFD");
            assertThat(waiting.backoffRequestSeconds()).isEqualTo(86_400);
            assertThat(waiting.nextRetryAt()).isBefore(LocalDateTime.now(ZoneOffset.UTC).plusDays(1).plusMinutes(1));
        }
        Invariants.check(dataSource);
    }
}
