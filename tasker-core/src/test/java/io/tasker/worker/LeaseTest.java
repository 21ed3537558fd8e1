package io.tasker.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.tasker.Tasker;
import io.tasker.engine.ResultWriter;
import io.tasker.handler.StepResult;
import io.tasker.json.Json;
import io.tasker.state.StepState;
import io.tasker.state.TaskState;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.store.rows.WorkflowStepTransitionRow;
import io.tasker.task.CreatedTask;
import io.tasker.task.StepView;
import io.tasker.task.TaskRequest;
import io.tasker.testing.DatabaseTest;
import io.tasker.testing.Engines;
import io.tasker.testing.Invariants;
import io.tasker.testing.MutableClock;
import io.tasker.testing.ResultWriters;
import io.tasker.testing.Templates;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;


/** Leases: a dead worker's step is handed out again, its late result is rejected, live handlers keep theirs. */
@DatabaseTest
class LeaseTest {

    private static final String TEMPLATE = Templates.template("leases", "leased").step("work", "h")
            .options("work", "retry: {max_attempts: 3}").yaml();

    @Test
    void a_step_whose_worker_died_runs_again_and_the_dead_workers_late_result_is_rejected(DataSource dataSource) {
        MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
        Jdbc jdbc = new Jdbc(dataSource);
        UUID task;
        StepClaim deadWorkersClaim;
        try (Tasker scheduler = Engines.fast(dataSource).clock(clock).runWorkers(false)
                .handler("h", ctx -> StepResult.success(Map.of("by", "survivor"))).template(TEMPLATE).start()) {
            task = scheduler.createTask(TaskRequest.of("leases", "leased").build()).taskUuid();

            // A worker claims the step and then dies: it never renews its lease.
            deadWorkersClaim = jdbc.withConnection(tx -> new StepQueue().claim(tx, Optional.empty(), false, 10,
                    "doomed-worker", Duration.ofSeconds(5), clock.instant())).get(0);
            assertThat(deadWorkersClaim.attempt()).isEqualTo(1);

            clock.advance(Duration.ofSeconds(4));
            assertThat(scheduler.runMaintenance().leasesRecovered()).as("lease still valid").isZero();
            clock.advance(Duration.ofSeconds(2));
            // The engine's own maintenance loop shares the clock and may recover the lease before this call does;
            // either way it is recovered exactly once (the transitions below show one LeaseExpired attempt).
            scheduler.runMaintenance();
            StepView recovered = scheduler.tasks().step(task, "work").orElseThrow();
            assertThat(recovered.state()).as("handed out again at once").isEqualTo(StepState.ENQUEUED);
            assertThat(recovered.row().results().path("error").path("type").asString()).isEqualTo("LeaseExpired");

            // The dead worker comes back to life and reports a result under its old lease: rejected.
            ResultWriter writer = ResultWriters.create(jdbc);
            ResultWriter.Result late = jdbc.inTransaction(tx -> writer.write(tx, List.of(new ResultWriter.Success(task,
                    new ResultWriter.SuccessWrite(deadWorkersClaim.stepUuid(), deadWorkersClaim.leaseToken(),
                            Json.object().put("by", "zombie")), Json.object())), List.of(), clock.instant(), false,
                    null));
            assertThat(late.rejected()).containsExactly(deadWorkersClaim.stepUuid());
            assertThat(late.accepted()).isEmpty();
        }
        try (Tasker survivor = Engines.fast(dataSource).clock(clock)
                .handler("h", ctx -> StepResult.success(Map.of("by", "survivor"))).template(TEMPLATE).start()) {
            assertThat(survivor.awaitCompletion(task, Duration.ofSeconds(20))).isEqualTo(TaskState.COMPLETE);
            StepView step = survivor.tasks().step(task, "work").orElseThrow();
            assertThat(step.row().attempts()).as("the killed attempt counts; a new attempt ran").isEqualTo(2);
            assertThat(step.row().results().path("by").asString()).isEqualTo("survivor");
            assertThat(survivor.tasks().stepTransitions(step.row().workflowStepUuid()))
                    .extracting(WorkflowStepTransitionRow::toState)
                    .containsExactly("pending", "enqueued", "in_progress", "enqueued_as_error_for_orchestration",
                            "waiting_for_retry", "pending", "enqueued", "in_progress", "enqueued_for_orchestration",
                            "complete");
        }
        Invariants.check(dataSource);
    }

    @Test
    void a_handler_running_longer_than_its_lease_keeps_it_by_heartbeats(DataSource dataSource) {
        try (Tasker tasker = Engines.fast(dataSource).leaseDuration(Duration.ofMillis(600))
                .handler("h", ctx -> {
                    Thread.sleep(2000);
                    return StepResult.success(Map.of("slept", true));
                }).template(TEMPLATE).start()) {
            CreatedTask task = tasker.createTask(TaskRequest.of("leases", "leased").build());
            assertThat(tasker.awaitCompletion(task.taskUuid(), Duration.ofSeconds(20))).isEqualTo(TaskState.COMPLETE);
            assertThat(tasker.tasks().step(task.taskUuid(), "work").orElseThrow().row().attempts()).isEqualTo(1);
        }
        Invariants.check(dataSource);
    }

    @Test
    void an_explicit_heartbeat_extends_the_lease(DataSource dataSource) {
        Jdbc jdbc = new Jdbc(dataSource);
        try (Tasker tasker = Engines.fast(dataSource).leaseDuration(Duration.ofSeconds(30))
                .handler("h", ctx -> {
                    Instant before = expiry(jdbc, ctx.stepUuid());
                    Thread.sleep(20);
                    ctx.heartbeat();
                    Instant after = expiry(jdbc, ctx.stepUuid());
                    return StepResult.success(Map.of("extended", after.isAfter(before)));
                }).template(TEMPLATE).start()) {
            CreatedTask task = tasker.createTask(TaskRequest.of("leases", "leased").build());
            assertThat(tasker.awaitCompletion(task.taskUuid(), Duration.ofSeconds(20))).isEqualTo(TaskState.COMPLETE);
            assertThat(tasker.tasks().step(task.taskUuid(), "work").orElseThrow().row().results()
                    .path("extended").asBoolean()).isTrue();
        }
    }

    private static Instant expiry(Jdbc jdbc, UUID step) {
        return jdbc.queryOne("SELECT lease_expires_at FROM tasker.workflow_steps WHERE workflow_step_uuid = ?",
                row -> io.tasker.store.Rows.instant(row, "lease_expires_at"), step).orElseThrow();
    }

}
