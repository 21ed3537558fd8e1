package io.tasker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tasker.Tasker;
import io.tasker.handler.StepResult;
import io.tasker.json.Json;
import io.tasker.state.IllegalTransitionException;
import io.tasker.state.TaskState;
import io.tasker.store.rows.TaskTransitionRow;
import io.tasker.task.StepAction;
import io.tasker.task.TaskRequest;
import io.tasker.testing.DatabaseTest;
import io.tasker.testing.Engines;
import io.tasker.testing.Invariants;
import io.tasker.testing.Templates;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;


/**
 * Operators repair failed tasks with the step actions: the task reopens, the steps after the repaired one run, and
 * the task ends complete (every step has a result) or resolved_manually (a step was resolved without one).
 */
@DatabaseTest
class RepairTest {

    private static final String TEMPLATE = Templates.template("repair", "repairable").step("fetch", "noop")
            .step("charge", "charge", "fetch").options("charge", "retry: {max_attempts: 2, backoff: none}")
            .step("ship", "echo", "charge").yaml();

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final AtomicBoolean gatewayUp = new AtomicBoolean(false);
    private DataSource dataSource;
    private Tasker tasker;

    @BeforeEach
    void start(DataSource dataSource) {
        this.dataSource = dataSource;
        tasker = Engines.fast(dataSource)
                .handler("charge", ctx -> gatewayUp.get() ? StepResult.success(Map.of("charged", true))
                        : StepResult.retryableFailure("the gateway is down"))
                .template(TEMPLATE).start();
    }

    @AfterEach
    void stop() {
        tasker.close();
        Invariants.check(dataSource);
    }

    @Test
    void resetting_an_exhausted_step_reruns_it_and_the_task_completes() {
        UUID task = failedTask();
        gatewayUp.set(true);

        tasker.operations().apply(task, step(task, "charge"), new StepAction.ResetForRetry("ops", "gateway is back"));

        assertThat(tasker.awaitCompletion(task, WAIT)).isEqualTo(TaskState.COMPLETE);
        assertThat(tasker.tasks().step(task, "ship").orElseThrow().state().dbValue()).isEqualTo("complete");
        assertThat(tasker.tasks().step(task, "charge").orElseThrow().row().attempts()).as("counted afresh")
                .isEqualTo(1);
        List<String> states = taskStates(task);
        assertThat(states).containsSubsequence("blocked_by_failures", "error", "blocked_by_failures",
                "evaluating_results", "enqueuing_steps", "steps_in_process", "evaluating_results", "complete");
        TaskTransitionRow reopen = tasker.tasks().taskTransitions(task).stream()
                .filter(t -> "error".equals(t.fromState())).findFirst().orElseThrow();
        assertThat(reopen.metadata().path("event").asString()).isEqualTo("reopen");
        assertThat(reopen.metadata().path("actor").asString()).isEqualTo("ops");
        assertThat(reopen.metadata().path("reason").asString()).isEqualTo("gateway is back");
        assertThat(tasker.tasks().find(task).orElseThrow().row().completedAt()).isNotNull();
    }

    @Test
    void completing_a_failed_step_by_hand_passes_its_result_on_and_the_task_completes() {
        UUID task = failedTask();

        tasker.operations().apply(task, step(task, "charge"), new StepAction.CompleteManually("ops",
                "charged by phone", Json.parse("{\"charged\": true, \"by\": \"phone\"}"), Optional.empty()));

        assertThat(tasker.awaitCompletion(task, WAIT)).isEqualTo(TaskState.COMPLETE);
        assertThat(tasker.tasks().step(task, "ship").orElseThrow().row().results()
                .path("dependency_results").path("charge").path("by").asString()).isEqualTo("phone");
    }

    @Test
    void resolving_a_failed_step_by_hand_runs_the_rest_and_ends_resolved_manually() {
        UUID task = failedTask();

        tasker.operations().apply(task, step(task, "charge"), new StepAction.ResolveManually("ops", "refunded"));

        assertThat(tasker.awaitCompletion(task, WAIT)).isEqualTo(TaskState.RESOLVED_MANUALLY);
        assertThat(tasker.tasks().step(task, "ship").orElseThrow().state().dbValue()).isEqualTo("complete");
    }

    @Test
    void complete_and_cancelled_tasks_cannot_be_changed() {
        gatewayUp.set(true);
        UUID done = tasker.createTask(TaskRequest.of("repair", "repairable").build()).taskUuid();
        assertThat(tasker.awaitCompletion(done, WAIT)).isEqualTo(TaskState.COMPLETE);

        assertThatThrownBy(() -> tasker.operations().apply(done, step(done, "charge"),
                new StepAction.ResolveManually("ops", "why not")))
                .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("is complete");
    }

    private UUID failedTask() {
        UUID task = tasker.createTask(TaskRequest.of("repair", "repairable").build()).taskUuid();
        assertThat(tasker.awaitCompletion(task, WAIT)).isEqualTo(TaskState.ERROR);
        return task;
    }

    private UUID step(UUID task, String name) {
        return tasker.tasks().step(task, name).orElseThrow().row().workflowStepUuid();
    }

    private List<String> taskStates(UUID task) {
        return tasker.tasks().taskTransitions(task).stream().map(TaskTransitionRow::toState).toList();
    }
}
