package io.tasker.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tasker.Tasker;
import io.tasker.handler.StepResult;
import io.tasker.json.Json;
import io.tasker.park.WakeResult;
import io.tasker.state.TaskState;
import io.tasker.task.TaskRequest;
import io.tasker.testing.DatabaseTest;
import io.tasker.testing.Engines;
import io.tasker.testing.Invariants;
import io.tasker.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code signal} steps: the payload becomes the result, an early signal is kept, a timeout fails the step or, with
 * {@code on_timeout: continue}, lets a decision take another branch; staleness leaves the waiting task alone.
 */
@DatabaseTest
class SignalStepsTest {

    static final String APPROVAL = """
            name: approval
            namespace_name: signals
            version: 1.0.0
            identity_strategy: always_unique
            lifecycle: {max_steps_in_process_minutes: 30, max_duration_minutes: 60}
            steps:
              - {name: request, handler: {callable: gate}}
              - {name: approved, type: signal, timeout: P2D, dependencies: [request]}
              - {name: ship, handler: {callable: echo}, dependencies: [approved]}
            """;

    static final String ESCALATING = """
            name: escalating
            namespace_name: signals
            version: 1.0.0
            identity_strategy: always_unique
            steps:
              - {name: review, type: signal, signal: reviewed, timeout: PT1H, on_timeout: continue}
              - {name: route, type: decision, handler: {callable: route}, dependencies: [review]}
              - {name: escalate, handler: {callable: noop}, dependencies: [route]}
              - {name: publish, handler: {callable: noop}, dependencies: [route]}
            """;

    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private final CountDownLatch gate = new CountDownLatch(1);
    private volatile boolean gated;
    private DataSource dataSource;
    private Tasker tasker;

    @BeforeEach
    void start(DataSource dataSource) {
        this.dataSource = dataSource;
        tasker = Engines.fast(dataSource).clock(clock)
                .handler("gate", ctx -> {
                    if (gated) {
                        gate.await();
                    }
                    return StepResult.success(Map.of());
                })
                .handler("route", ctx -> StepResult.createSteps(List.of(
                        ctx.dependencyResult("review").orElseThrow().path("timed_out").asBoolean(false)
                                ? "escalate" : "publish")))
                .template(APPROVAL).template(ESCALATING).start();
    }

    @AfterEach
    void stop() {
        gate.countDown();
        tasker.close();
    }

    private UUID approval() {
        return tasker.createTask(TaskRequest.of("signals", "approval").build()).taskUuid();
    }

    @Test
    void the_signals_payload_becomes_the_steps_result() {
        UUID task = approval();
        await().atMost(Duration.ofSeconds(30)).until(() -> !tasker.signals().waiting(task).isEmpty());
        clock.advance(Duration.ofDays(1)); // a day past max_steps_in_process and max_duration: waiting, not stale
        assertThat(tasker.detectStaleTasks(false).findings()).isEmpty();

        WakeResult sent = tasker.signals().send(task, "approved", Json.object().put("by", "alice"));

        assertThat(sent.status()).isEqualTo(WakeResult.Status.WOKE);
        assertThat(tasker.awaitCompletion(task, Duration.ofSeconds(30))).isEqualTo(TaskState.COMPLETE);
        assertThat(tasker.tasks().step(task, "ship").orElseThrow().row().results()
                .path("dependency_results").path("approved").path("by").asString()).isEqualTo("alice");
        assertThat(tasker.signals().received(task)).singleElement().satisfies(signal -> {
            assertThat(signal.name()).isEqualTo("approved");
            assertThat(signal.consumedByStep()).isPresent();
        });
        Invariants.check(dataSource);
    }

    @Test
    void a_signal_sent_before_the_step_is_reached_is_kept_and_consumed_when_it_is() {
        gated = true;
        UUID task = approval();
        assertThat(tasker.signals().send(task, "approved", Json.object().put("by", "early")).status())
                .isEqualTo(WakeResult.Status.KEPT);
        assertThat(tasker.signals().received(task)).singleElement()
                .satisfies(signal -> assertThat(signal.consumedAt()).isEmpty());
        gate.countDown();

        assertThat(tasker.awaitCompletion(task, Duration.ofSeconds(30))).isEqualTo(TaskState.COMPLETE);
        assertThat(tasker.tasks().step(task, "approved").orElseThrow().row().results().path("by").asString())
                .isEqualTo("early");
    }

    @Test
    void no_signal_within_the_timeout_fails_the_step() {
        UUID task = approval();
        await().atMost(Duration.ofSeconds(30)).until(() -> !tasker.signals().waiting(task).isEmpty());
        clock.advance(Duration.ofDays(2).plusMinutes(1));
        tasker.runMaintenance();

        assertThat(tasker.awaitCompletion(task, Duration.ofSeconds(30))).isEqualTo(TaskState.ERROR);
        assertThat(tasker.tasks().step(task, "approved").orElseThrow().row().results().path("error").path("type")
                .asString()).isEqualTo("SignalTimeout");
        assertThat(tasker.signals().send(task, "approved", Json.object()).status())
                .isEqualTo(WakeResult.Status.TASK_FINISHED);
    }

    @Test
    void on_timeout_continue_lets_a_decision_take_the_other_branch() {
        UUID timedOut = tasker.createTask(TaskRequest.of("signals", "escalating").build()).taskUuid();
        UUID reviewed = tasker.createTask(TaskRequest.of("signals", "escalating").build()).taskUuid();
        await().atMost(Duration.ofSeconds(30)).until(() -> !tasker.signals().waiting(timedOut).isEmpty()
                && !tasker.signals().waiting(reviewed).isEmpty());
        tasker.signals().send(reviewed, "reviewed", Json.object().put("ok", true));
        clock.advance(Duration.ofMinutes(61));
        tasker.runMaintenance();

        assertThat(tasker.awaitCompletion(timedOut, Duration.ofSeconds(30))).isEqualTo(TaskState.COMPLETE);
        assertThat(tasker.awaitCompletion(reviewed, Duration.ofSeconds(30))).isEqualTo(TaskState.COMPLETE);
        assertThat(tasker.tasks().step(timedOut, "escalate")).isPresent();
        assertThat(tasker.tasks().step(timedOut, "publish")).isEmpty();
        assertThat(tasker.tasks().step(reviewed, "publish")).isPresent();
        assertThat(tasker.tasks().step(reviewed, "escalate")).isEmpty();
    }
}
