package io.tasker.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import io.tasker.Tasker;
import io.tasker.handler.PermanentError;
import io.tasker.handler.RetryableError;
import io.tasker.handler.StepHandler;
import io.tasker.state.StepState;
import io.tasker.state.TaskState;
import io.tasker.task.CreatedTask;
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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;


/** Retries with an injected clock: backoff kinds, requested delays, attempt limits, permanent errors, timeouts. */
@DatabaseTest
class RetryTest {

    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    private Tasker tasker;
    private DataSource dataSource;

    @AfterEach
    void stop() {
        if (tasker != null) {
            tasker.close();
        }
        Invariants.check(dataSource);
    }

    private UUID start(DataSource dataSource, String retry, StepHandler handler, String extra) {
        this.dataSource = dataSource;
        tasker = Engines.fast(dataSource).clock(clock).handler("h", handler).template("""
                name: retrying
                namespace_name: retries
                version: 1.0.0
                identity_strategy: always_unique
                steps:
                  - name: flaky
                    handler: {callable: h}
                    retry: %s
                %s
                """.formatted(retry, extra)).start();
        CreatedTask task = tasker.createTask(TaskRequest.of("retries", "retrying").build());
        return task.taskUuid();
    }

    private StepView step(UUID task) {
        return tasker.tasks().step(task, "flaky").orElseThrow();
    }

    /** Waits until the step's attempt {@code attempt} has failed, and returns the wait it was given. */
    private Duration awaitFailedAttempt(UUID task, int attempt) {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            StepView step = step(task);
            return step.row().attempts() == attempt
                    && (step.state() == StepState.WAITING_FOR_RETRY || step.state() == StepState.ERROR
                    || step.state() == StepState.ENQUEUED || step.state() == StepState.PENDING);
        });
        StepView step = step(task);
        if (step.row().nextRetryAt() == null) {
            return Duration.ZERO;
        }
        return Duration.between(clock.instant(), step.row().nextRetryAt().toInstant(ZoneOffset.UTC));
    }

    private void releaseRetry(Duration wait) {
        clock.advance(wait);
        tasker.runMaintenance();
    }

    private static final StepHandler ALWAYS_FAILS = ctx -> {
        throw new RetryableError("try again");
    };

    @Test
    void exponential_backoff_waits_one_two_then_four_seconds_until_attempts_run_out(DataSource dataSource) {
        UUID task = start(dataSource, "{max_attempts: 4, backoff: exponential, backoff_base_ms: 1000, "
                + "max_backoff_ms: 30000, jitter: false}", ALWAYS_FAILS, "");
        assertThat(awaitFailedAttempt(task, 1)).isEqualTo(Duration.ofSeconds(1));

        clock.advance(Duration.ofMillis(999));
        tasker.runMaintenance();
        assertThat(step(task).state()).as("not due yet").isEqualTo(StepState.WAITING_FOR_RETRY);
        assertThat(step(task).row().attempts()).isEqualTo(1);

        releaseRetry(Duration.ofMillis(1));
        assertThat(awaitFailedAttempt(task, 2)).isEqualTo(Duration.ofSeconds(2));
        releaseRetry(Duration.ofSeconds(2));
        assertThat(awaitFailedAttempt(task, 3)).isEqualTo(Duration.ofSeconds(4));
        releaseRetry(Duration.ofSeconds(4));
        awaitFailedAttempt(task, 4);

        assertThat(tasker.awaitCompletion(task, Duration.ofSeconds(10))).isEqualTo(TaskState.ERROR);
        assertThat(step(task).state()).isEqualTo(StepState.ERROR);
        assertThat(step(task).row().results().path("error").path("type").asString()).isEqualTo("RetryableError");
    }

    @Test
    void linear_backoff_waits_one_two_three_seconds(DataSource dataSource) {
        assertThat(waits(dataSource, "linear")).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(3));
    }

    @Test
    void fibonacci_backoff_waits_one_one_two_seconds(DataSource dataSource) {
        assertThat(waits(dataSource, "fibonacci")).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofSeconds(2));
    }

    @Test
    void no_backoff_retries_at_once(DataSource dataSource) {
        UUID task = start(dataSource, "{max_attempts: 4, backoff: none, jitter: false}", ALWAYS_FAILS, "");
        // The clock never moves, so every retry must have been due the moment its attempt failed.
        assertThat(tasker.awaitCompletion(task, Duration.ofSeconds(20))).isEqualTo(TaskState.ERROR);
        assertThat(step(task).row().attempts()).isEqualTo(4);
        List<String> retryAts = tasker.tasks().stepTransitions(step(task).row().workflowStepUuid()).stream()
                .filter(t -> t.toState().equals("waiting_for_retry"))
                .map(t -> t.metadata().path("retry_at").asString()).toList();
        assertThat(retryAts).hasSize(3).containsOnly(clock.instant().toString());
    }

    private List<Duration> waits(DataSource dataSource, String kind) {
        UUID task = start(dataSource, "{max_attempts: 4, backoff: " + kind + ", backoff_base_ms: 1000, "
                + "max_backoff_ms: 30000, jitter: false}", ALWAYS_FAILS, "");
        List<Duration> waits = new ArrayList<>();
        for (int attempt = 1; attempt <= 3; attempt++) {
            Duration wait = awaitFailedAttempt(task, attempt);
            waits.add(wait.isNegative() ? Duration.ZERO : wait);
            releaseRetry(wait.isNegative() ? Duration.ZERO : wait);
        }
        return waits;
    }

    @Test
    void a_delay_requested_by_the_handler_wins_over_the_template_backoff(DataSource dataSource) {
        UUID task = start(dataSource, "{max_attempts: 2, backoff: exponential, backoff_base_ms: 1000, jitter: false}",
                ctx -> {
                    if (ctx.attempt() == 1) {
                        throw new RetryableError("rate limited", Duration.ofSeconds(7));
                    }
                    return io.tasker.handler.StepResult.success(java.util.Map.of("ok", true));
                }, "");
        assertThat(awaitFailedAttempt(task, 1)).isEqualTo(Duration.ofSeconds(7));
        assertThat(step(task).row().backoffRequestSeconds()).isEqualTo(7);

        clock.advance(Duration.ofMillis(6999));
        tasker.runMaintenance();
        assertThat(step(task).state()).isEqualTo(StepState.WAITING_FOR_RETRY);
        releaseRetry(Duration.ofMillis(1));
        assertThat(tasker.awaitCompletion(task, Duration.ofSeconds(20))).isEqualTo(TaskState.COMPLETE);
        assertThat(step(task).row().attempts()).isEqualTo(2);
    }

    @Test
    void a_permanent_error_is_not_retried(DataSource dataSource) {
        UUID task = start(dataSource, "{max_attempts: 5}", ctx -> {
            throw new PermanentError("invalid account");
        }, "");
        assertThat(tasker.awaitCompletion(task, Duration.ofSeconds(20))).isEqualTo(TaskState.ERROR);
        assertThat(step(task).row().attempts()).isEqualTo(1);
        assertThat(step(task).row().results().path("error").path("message").asString()).isEqualTo("invalid account");
        assertThat(step(task).row().results().path("error").path("retryable").asBoolean()).isFalse();
    }

    @Test
    void a_step_marked_not_retryable_fails_on_its_first_retryable_error(DataSource dataSource) {
        UUID task = start(dataSource, "{retryable: false, max_attempts: 5}", ALWAYS_FAILS, "");
        assertThat(tasker.awaitCompletion(task, Duration.ofSeconds(20))).isEqualTo(TaskState.ERROR);
        assertThat(step(task).row().attempts()).isEqualTo(1);
    }

    @Test
    void a_handler_running_past_its_timeout_is_interrupted_and_the_attempt_fails(DataSource dataSource) {
        AtomicBoolean interrupted = new AtomicBoolean();
        UUID task = start(dataSource, "{max_attempts: 2, backoff: none}", ctx -> {
            try {
                Thread.sleep(30_000);
            } catch (InterruptedException e) {
                interrupted.set(true);
                throw e;
            }
            return io.tasker.handler.StepResult.success(java.util.Map.of());
        }, "    timeout_seconds: 1");
        assertThat(tasker.awaitCompletion(task, Duration.ofSeconds(20))).isEqualTo(TaskState.ERROR);
        StepView step = step(task);
        assertThat(step.row().attempts()).as("a timeout is retryable").isEqualTo(2);
        assertThat(step.row().results().path("error").path("type").asString()).isEqualTo("TimeoutError");
        assertThat(step.row().results().path("error").path("message").asString())
                .isEqualTo("step ran longer than its timeout of 1s");
        await().atMost(Duration.ofSeconds(5)).untilTrue(interrupted);
    }
}
