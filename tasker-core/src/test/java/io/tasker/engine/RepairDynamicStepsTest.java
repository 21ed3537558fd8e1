package io.tasker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.tasker.Tasker;
import io.tasker.handler.PermanentError;
import io.tasker.state.TaskState;
import io.tasker.task.StepAction;
import io.tasker.task.StepView;
import io.tasker.task.TaskRequest;
import io.tasker.testing.DatabaseTest;
import io.tasker.testing.Engines;
import io.tasker.testing.Invariants;
import io.tasker.testing.Templates;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An operator resolving a failed decision or batchable step means "go on without it": it decided nothing (no
 * branch, no batch worker), and the convergence steps after it run, as after {@code no_branches} / {@code no_batches}.
 */
@DatabaseTest
class RepairDynamicStepsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static final String DECISION = Templates.decision("repair_dynamic", "broken").step("join", "echo", "left",
            "right").type("join", "deferred_convergence").yaml();

    private static final String BATCH = Templates.batch("repair_dynamic", "broken", "noop", "echo").yaml();

    private Tasker tasker;
    private DataSource dataSource;

    @AfterEach
    void stop() {
        tasker.close();
        Invariants.check(dataSource);
    }

    @Test
    void resolving_a_failed_decision_takes_no_branch_and_runs_its_convergence(DataSource dataSource) {
        UUID task = failedTask(dataSource, DECISION, "decide");

        tasker.operations().apply(task, step(task, "choose").row().workflowStepUuid(),
                new StepAction.ResolveManually("ops", "the approval was given on paper"));

        assertThat(tasker.awaitCompletion(task, WAIT)).isEqualTo(TaskState.RESOLVED_MANUALLY);
        assertThat(tasker.tasks().steps(task)).extracting(StepView::name)
                .containsExactlyInAnyOrder("start", "choose", "join");
        assertThat(step(task, "join").state().dbValue()).isEqualTo("complete");
    }

    @Test
    void resolving_a_failed_batchable_step_starts_no_worker_and_runs_its_convergence(DataSource dataSource) {
        UUID task = failedTask(dataSource, BATCH, "batch");

        tasker.operations().apply(task, step(task, "split").row().workflowStepUuid(),
                new StepAction.ResolveManually("ops", "nothing to import today"));

        assertThat(tasker.awaitCompletion(task, WAIT)).isEqualTo(TaskState.RESOLVED_MANUALLY);
        assertThat(tasker.tasks().steps(task)).extracting(StepView::name).containsExactlyInAnyOrder("split", "gather");
        assertThat(step(task, "gather").state().dbValue()).isEqualTo("complete");
    }

    private UUID failedTask(DataSource dataSource, String template, String name) {
        this.dataSource = dataSource;
        tasker = Engines.fast(dataSource).handler("broken", ctx -> {
            throw new PermanentError("the decision service is gone");
        }).template(template).start();
        UUID task = tasker.createTask(TaskRequest.of("repair_dynamic", name).build()).taskUuid();
        assertThat(tasker.awaitCompletion(task, WAIT)).isEqualTo(TaskState.ERROR);
        return task;
    }

    private StepView step(UUID task, String name) {
        return tasker.tasks().step(task, name).orElseThrow();
    }
}
