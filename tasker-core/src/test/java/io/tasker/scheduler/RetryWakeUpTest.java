package io.tasker.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tasker.Tasker;
import io.tasker.handler.RetryableError;
import io.tasker.handler.StepResult;
import io.tasker.state.StepState;
import io.tasker.state.TaskState;
import io.tasker.task.StepView;
import io.tasker.task.TaskRequest;
import io.tasker.testing.DatabaseTest;
import io.tasker.testing.Engines;
import io.tasker.testing.Invariants;
import io.tasker.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The scheduler wakes when a retry is due, not at its next poll: with a maintenance interval of an hour, a retry
 * due in a fraction of a second still runs, whether the failure was recorded in the scheduler's process or in
 * another one (NOTIFY). No timed assertion: the interval is so long that only the wake-up can make them pass.
 */
@DatabaseTest
class RetryWakeUpTest {

    private static final Duration HOUR = Duration.ofHours(1);
    private static final String TEMPLATE = """
            name: quick_retry
            namespace_name: wakeups
            version: 1.0.0
            identity_strategy: always_unique
            steps:
              - name: flaky
                handler: {callable: fails_once}
                retry: {max_attempts: 3, backoff: linear, backoff_base_ms: 300, jitter: false}
            """;

    private final AtomicInteger calls = new AtomicInteger();
    private DataSource dataSource;

    @AfterEach
    void check() {
        Invariants.check(dataSource);
    }

    private StepResult failsOnce(io.tasker.handler.StepContext ctx) {
        if (calls.incrementAndGet() == 1) {
            throw new RetryableError("first attempt fails");
        }
        return StepResult.success(java.util.Map.of("attempt", ctx.attempt()));
    }

    @Test
    void the_next_round_is_scheduled_for_the_due_time_of_the_retry(DataSource dataSource) {
        this.dataSource = dataSource;
        MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
        try (Tasker tasker = Engines.fast(dataSource).clock(clock).maintenanceInterval(HOUR)
                .handler("fails_once", this::failsOnce).template(TEMPLATE).start()) {
            await().until(() -> tasker.nextMaintenanceRound().equals(Optional.of(clock.instant().plus(HOUR))));
            UUID task = tasker.createTask(TaskRequest.of("wakeups", "quick_retry").build()).taskUuid();
            await().until(() -> step(tasker, task).state() == StepState.WAITING_FOR_RETRY);
            Instant due = step(tasker, task).row().nextRetryAt().toInstant(ZoneOffset.UTC);
            assertThat(due).isEqualTo(clock.instant().plusMillis(300));

            await().untilAsserted(() -> assertThat(tasker.nextMaintenanceRound()).contains(due));

            clock.advance(Duration.ofMillis(300));
            assertThat(tasker.awaitCompletion(task, Duration.ofSeconds(30))).isEqualTo(TaskState.COMPLETE);
        }
    }

    @Test
    void a_retry_due_in_300_ms_runs_although_the_scheduler_polls_hourly(DataSource dataSource) {
        this.dataSource = dataSource;
        try (Tasker tasker = Engines.fast(dataSource).maintenanceInterval(HOUR)
                .handler("fails_once", this::failsOnce).template(TEMPLATE).start()) {
            UUID task = tasker.createTask(TaskRequest.of("wakeups", "quick_retry").build()).taskUuid();

            assertThat(tasker.awaitCompletion(task, Duration.ofSeconds(30))).isEqualTo(TaskState.COMPLETE);
            assertThat(step(tasker, task).row().attempts()).isEqualTo(2);
        }
    }

    @Test
    void a_scheduler_in_another_process_hears_of_the_retry(DataSource dataSource) {
        this.dataSource = dataSource;
        try (Tasker scheduler = Engines.fast(dataSource).maintenanceInterval(HOUR).runWorkers(false)
                .template(TEMPLATE).handler("fails_once", this::failsOnce).start();
             Tasker worker = Engines.fast(dataSource).runMaintenance(false)
                     .handler("fails_once", this::failsOnce).template(TEMPLATE).start()) {
            UUID task = worker.createTask(TaskRequest.of("wakeups", "quick_retry").build()).taskUuid();

            assertThat(worker.awaitCompletion(task, Duration.ofSeconds(30))).isEqualTo(TaskState.COMPLETE);
            assertThat(step(worker, task).row().attempts()).isEqualTo(2);
        }
    }

    private static StepView step(Tasker tasker, UUID task) {
        return tasker.tasks().step(task, "flaky").orElseThrow();
    }
}
