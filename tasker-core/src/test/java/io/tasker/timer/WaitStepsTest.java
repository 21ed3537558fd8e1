package io.tasker.timer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tasker.Tasker;
import io.tasker.state.TaskState;
import io.tasker.task.TaskRequest;
import io.tasker.testing.ClockedEngine;
import io.tasker.testing.DatabaseTest;
import io.tasker.testing.Invariants;
import io.tasker.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code wait} steps: a duration from when the step starts, or an instant read from the task; no worker held. */
@DatabaseTest
class WaitStepsTest {

    static final String TEMPLATE = """
            name: cool_off
            namespace_name: timers
            version: 1.0.0
            identity_strategy: always_unique
            steps:
              - {name: start, handler: {callable: noop}}
              - {name: pause, type: wait, duration: PT10M, dependencies: [start]}
              - {name: until_time, type: wait, until: $.context.send_at, dependencies: [start]}
              - {name: done, handler: {callable: echo}, dependencies: [pause, until_time]}
            """;

    @RegisterExtension
    final ClockedEngine engine = ClockedEngine.with(builder -> builder.template(TEMPLATE));
    private final MutableClock clock = engine.clock();
    private Tasker tasker;

    @BeforeEach
    void started() {
        tasker = engine.tasker();
    }

    @Test
    void waits_for_a_duration_and_until_an_instant_from_the_context_holding_no_worker() {
        Instant sendAt = clock.instant().plus(Duration.ofHours(1));
        UUID task = tasker.createTask(TaskRequest.of("timers", "cool_off")
                .context(Map.of("send_at", sendAt.toString())).build()).taskUuid();
        await().atMost(Duration.ofSeconds(30)).until(() -> tasker.parkedSteps().waiting(task).size() == 2);
        assertThat(tasker.runningSteps()).isZero();

        clock.advance(Duration.ofMinutes(11));
        tasker.runMaintenance();
        await().atMost(Duration.ofSeconds(30)).until(() -> tasker.parkedSteps().waiting(task).size() == 1);
        assertThat(tasker.tasks().step(task, "pause").orElseThrow().row().results().path("waited_until").asString())
                .isNotEmpty();
        assertThat(tasker.tasks().state(task)).contains(TaskState.STEPS_IN_PROCESS);

        clock.advance(Duration.ofMinutes(50));
        tasker.runMaintenance();
        assertThat(tasker.awaitCompletion(task, Duration.ofSeconds(30))).isEqualTo(TaskState.COMPLETE);
        assertThat(tasker.tasks().step(task, "until_time").orElseThrow().row().results().path("waited_until")
                .asString()).isEqualTo(sendAt.toString());
        Invariants.check(engine.dataSource());
    }

    @Test
    void an_until_in_the_past_passes_at_once_and_a_missing_one_fails_the_step() {
        UUID past = tasker.createTask(TaskRequest.of("timers", "cool_off")
                .context(Map.of("send_at", "2000-01-01T00:00:00Z")).build()).taskUuid();
        UUID missing = tasker.createTask(TaskRequest.of("timers", "cool_off").context(Map.of()).build()).taskUuid();
        await().atMost(Duration.ofSeconds(30)).until(() -> tasker.tasks().step(past, "until_time").orElseThrow()
                .row().currentState().equals("complete"));
        await().atMost(Duration.ofSeconds(30)).until(() -> tasker.tasks().step(missing, "until_time").orElseThrow()
                .row().currentState().equals("error"));
        clock.advance(Duration.ofMinutes(11)); // the other branch's wait still ends before the task can fail
        tasker.runMaintenance();
        assertThat(tasker.awaitCompletion(missing, Duration.ofSeconds(30))).isEqualTo(TaskState.ERROR);
        assertThat(tasker.tasks().step(missing, "until_time").orElseThrow().row().results().path("error")
                .path("message").asString()).contains("$.context.send_at");
    }
}
