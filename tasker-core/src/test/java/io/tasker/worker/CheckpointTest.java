package io.tasker.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tasker.Tasker;
import io.tasker.handler.Checkpoint;
import io.tasker.handler.LeaseLostError;
import io.tasker.handler.RetryableError;
import io.tasker.handler.StepContext;
import io.tasker.handler.StepResult;
import io.tasker.state.TaskState;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.task.StepView;
import io.tasker.task.TaskRequest;
import io.tasker.testing.DatabaseTest;
import io.tasker.testing.Engines;
import io.tasker.testing.Invariants;
import io.tasker.testing.Templates;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.LongNode;


/** Checkpoints: saved under the lease, handed to the next attempt, capped in history, refused without the lease. */
@DatabaseTest
class CheckpointTest {

    private static final String TEMPLATE = Templates.template("checkpoints", "counting").step("count", "counter")
            .options("count", "retry: {max_attempts: 3, backoff: none}").yaml();

    private static final int ITEMS = 100;

    /** Sums 1..100, saving a checkpoint every 10 items; the first attempt gives up after 40. */
    static StepResult count(StepContext ctx) {
        long next = ctx.checkpoint().map(c -> c.cursor().asLong()).orElse(0L);
        long sum = ctx.checkpoint().map(c -> c.accumulatedResults().path("sum").asLong()).orElse(0L);
        long resumedFrom = next;
        for (long item = next; item < ITEMS; item++) {
            sum += item + 1;
            if ((item + 1) % 10 == 0) {
                ctx.saveCheckpoint(new Checkpoint(LongNode.valueOf(item + 1), item + 1,
                        io.tasker.json.Json.object().put("sum", sum)));
            }
            if (ctx.attempt() == 1 && item + 1 == 40) {
                throw new RetryableError("lost the connection to the source");
            }
        }
        return StepResult.success(Map.of("sum", sum, "resumed_from", resumedFrom));
    }

    @Test
    void a_retry_resumes_from_the_last_checkpoint_and_history_is_capped(DataSource dataSource) {
        try (Tasker tasker = Engines.fast(dataSource).checkpointHistory(3)
                .handler("counter", CheckpointTest::count).template(TEMPLATE).start()) {
            UUID task = tasker.createTask(TaskRequest.of("checkpoints", "counting").build()).taskUuid();
            assertThat(tasker.awaitCompletion(task, Duration.ofSeconds(30))).isEqualTo(TaskState.COMPLETE);

            StepView step = tasker.tasks().step(task, "count").orElseThrow();
            assertThat(step.row().attempts()).isEqualTo(2);
            assertThat(step.row().results().path("resumed_from").asLong()).isEqualTo(40);
            assertThat(step.row().results().path("sum").asLong()).as("1 + 2 + ... + 100, nothing twice")
                    .isEqualTo(5050);
            JsonNode checkpoint = step.row().checkpoint();
            assertThat(checkpoint.path("cursor").asLong()).isEqualTo(100);
            assertThat(checkpoint.path("attempt").asInt()).isEqualTo(2);
            assertThat(checkpoint.path("history")).hasSize(3);
            assertThat(checkpoint.path("history").get(2).path("cursor").asLong()).isEqualTo(90);
        }
        Invariants.check(dataSource);
    }

    @Test
    void a_checkpoint_after_the_lease_was_lost_is_refused_and_the_step_runs_again(DataSource dataSource)
            throws Exception {
        Jdbc jdbc = new Jdbc(dataSource);
        CountDownLatch firstAttemptMayGoOn = new CountDownLatch(1);
        AtomicReference<Throwable> firstAttemptSaw = new AtomicReference<>();
        try (Tasker tasker = Engines.fast(dataSource).leaseDuration(Duration.ofSeconds(60))
                .handler("counter", ctx -> {
                    if (ctx.attempt() == 1) {
                        ctx.saveCheckpoint(new Checkpoint(LongNode.valueOf(10), 10, null));
                        firstAttemptMayGoOn.await(30, TimeUnit.SECONDS);
                        try {
                            ctx.saveCheckpoint(new Checkpoint(LongNode.valueOf(20), 20, null));
                        } catch (LeaseLostError e) {
                            firstAttemptSaw.set(e);
                            throw e;
                        }
                    }
                    return StepResult.success(Map.of("attempt", ctx.attempt()));
                }).template(TEMPLATE).start()) {
            UUID task = tasker.createTask(TaskRequest.of("checkpoints", "counting").build()).taskUuid();
            UUID step = tasker.tasks().step(task, "count").orElseThrow().row().workflowStepUuid();
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryOne(
                    "SELECT checkpoint ->> 'cursor' FROM tasker.workflow_steps WHERE workflow_step_uuid = ?",
                    row -> row.getString(1), step).filter("10"::equals).isPresent());

            // The worker stalls past its lease; the scheduler takes the step back and hands it out again.
            jdbc.update("UPDATE tasker.workflow_steps SET lease_expires_at = now() - interval '1 second' "
                    + "WHERE workflow_step_uuid = ?", step);
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryOne(
                    "SELECT attempts FROM tasker.workflow_steps WHERE workflow_step_uuid = ?",
                    row -> row.getInt(1), step).orElse(0) == 2);
            firstAttemptMayGoOn.countDown();

            assertThat(tasker.awaitCompletion(task, Duration.ofSeconds(30))).isEqualTo(TaskState.COMPLETE);
            await().atMost(Duration.ofSeconds(30)).until(() -> firstAttemptSaw.get() != null);
            assertThat(firstAttemptSaw.get()).isInstanceOf(LeaseLostError.class)
                    .hasMessageContaining("no longer holds its lease; checkpoint not saved");
            StepView done = tasker.tasks().step(task, "count").orElseThrow();
            assertThat(done.row().attempts()).isEqualTo(2);
            assertThat(done.row().results().path("attempt").asInt()).isEqualTo(2);
            assertThat(done.row().checkpoint().path("cursor").asLong()).as("the stale write never landed")
                    .isEqualTo(10);
        }
        Invariants.check(dataSource);
    }
}
