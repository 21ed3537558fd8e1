package io.tasker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tasker.Tasker;
import io.tasker.handler.StepResult;
import io.tasker.json.Json;
import io.tasker.state.IllegalTransitionException;
import io.tasker.state.StepState;
import io.tasker.state.TaskState;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.store.rows.TaskTransitionRow;
import io.tasker.task.StepView;
import io.tasker.task.TaskNotFoundException;
import io.tasker.task.TaskRequest;
import io.tasker.testing.DatabaseTest;
import io.tasker.testing.Engines;
import io.tasker.testing.Invariants;
import io.tasker.testing.ResultWriters;
import io.tasker.testing.Templates;
import io.tasker.worker.StepClaim;
import io.tasker.worker.StepQueue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;


@DatabaseTest
class CancelTest {

    private static final String TEMPLATE = Templates.chain("cancels", "slow", "slow").name("slow").yaml();

    @Test
    void cancelling_interrupts_the_running_handler_and_cancels_every_unfinished_step(DataSource dataSource) {
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        try (Tasker tasker = Engines.fast(dataSource).handler("slow", ctx -> {
            started.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.set(true);
                throw e;
            }
            return StepResult.success(Map.of());
        }).template(TEMPLATE).start()) {
            UUID task = tasker.createTask(TaskRequest.of("cancels", "slow").build()).taskUuid();
            await().atMost(Duration.ofSeconds(10)).until(() -> started.getCount() == 0);

            assertThat(tasker.cancel(task, "customer changed their mind", "ops@example.com")).isTrue();
            await().atMost(Duration.ofSeconds(5)).untilTrue(interrupted);

            assertThat(tasker.tasks().state(task)).contains(TaskState.CANCELLED);
            assertThat(tasker.tasks().steps(task)).extracting(StepView::state)
                    .containsOnly(StepState.CANCELLED);
            List<TaskTransitionRow> history = tasker.tasks().taskTransitions(task);
            TaskTransitionRow last = history.get(history.size() - 1);
            assertThat(last.fromState()).isEqualTo("steps_in_process");
            assertThat(last.toState()).isEqualTo("cancelled");
            assertThat(last.metadata().path("reason").asString()).isEqualTo("customer changed their mind");
            assertThat(last.metadata().path("cancelled_by").asString()).isEqualTo("ops@example.com");
            assertThat(tasker.tasks().get(task).row().completedAt()).isNotNull();

            assertThat(tasker.cancel(task, "again", "ops")).as("cancelling twice changes nothing").isFalse();
        }
        Invariants.check(dataSource);
    }

    @Test
    void a_result_arriving_after_cancellation_is_discarded(DataSource dataSource) {
        Jdbc jdbc = new Jdbc(dataSource);
        try (Tasker tasker = Engines.fast(dataSource).runWorkers(false)
                .handler("slow", ctx -> StepResult.success(Map.of())).template(TEMPLATE).start()) {
            UUID task = tasker.createTask(TaskRequest.of("cancels", "slow").build()).taskUuid();
            StepClaim claim = jdbc.withConnection(tx -> new StepQueue().claim(tx, Optional.empty(), false, 1, "w",
                    Duration.ofMinutes(1), Instant.now())).get(0);
            tasker.cancel(task, "stop", "test");

            ResultWriter writer = ResultWriters.create(jdbc);
            ResultWriter.Result result = jdbc.inTransaction(tx -> writer.write(tx, List.of(new ResultWriter.Success(
                    task, new ResultWriter.SuccessWrite(claim.stepUuid(), claim.leaseToken(), Json.object()),
                    Json.object())), List.of(), Instant.now(), false, null));
            assertThat(result.rejected()).containsExactly(claim.stepUuid());
            assertThat(tasker.tasks().step(task, "first").orElseThrow().state()).isEqualTo(StepState.CANCELLED);
        }
        Invariants.check(dataSource);
    }

    @Test
    void a_finished_task_cannot_be_cancelled(DataSource dataSource) {
        try (Tasker tasker = Engines.fast(dataSource)
                .handler("slow", ctx -> StepResult.success(Map.of())).template(TEMPLATE).start()) {
            UUID task = tasker.createTask(TaskRequest.of("cancels", "slow").build()).taskUuid();
            assertThat(tasker.awaitCompletion(task, Duration.ofSeconds(20))).isEqualTo(TaskState.COMPLETE);
            assertThatThrownBy(() -> tasker.cancel(task, "too late", "test"))
                    .isInstanceOf(IllegalTransitionException.class)
                    .hasMessage("task " + task + " is complete and can no longer be cancelled");
            assertThatThrownBy(() -> tasker.cancel(UUID.randomUUID(), "ghost", "test"))
                    .isInstanceOf(TaskNotFoundException.class);
        }
    }
}
