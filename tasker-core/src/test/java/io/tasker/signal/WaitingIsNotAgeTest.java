package io.tasker.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tasker.Tasker;
import io.tasker.handler.StepResult;
import io.tasker.json.Json;
import io.tasker.scheduler.StalenessDetector;
import io.tasker.state.StepState;
import io.tasker.state.TaskState;
import io.tasker.task.TaskRequest;
import io.tasker.testing.ClockedEngine;
import io.tasker.testing.DatabaseTest;
import io.tasker.testing.MutableClock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A task that waited for a signal or a timer longer than its max_duration, within the wait's timeout, is not stale
 * once woken: waiting is not its age. The step after the wait holds until the test has looked, so the staleness
 * rounds (the test's and the engine's own) run while the woken task is under way; the clock stays where the wait
 * left it. Time the task works after the wait still counts.
 */
@DatabaseTest
class WaitingIsNotAgeTest {

    static final String APPROVAL = """
            name: held_approval
            namespace_name: waiting
            version: 1.0.0
            identity_strategy: always_unique
            lifecycle: {max_steps_in_process_minutes: 120, max_duration_minutes: 60}
            steps:
              - {name: approved, type: signal, timeout: P2D}
              - {name: ship, handler: {callable: held}, dependencies: [approved]}
            """;

    static final String TIMER = """
            name: held_timer
            namespace_name: waiting
            version: 1.0.0
            identity_strategy: always_unique
            lifecycle: {max_steps_in_process_minutes: 30, max_duration_minutes: 60}
            steps:
              - {name: pause, type: wait, duration: P1D}
              - {name: ship, handler: {callable: held}, dependencies: [pause]}
            """;

    private final CountDownLatch release = new CountDownLatch(1);
    @RegisterExtension
    final ClockedEngine engine = ClockedEngine.with(builder -> builder.template(APPROVAL).template(TIMER)
            .handler("held", ctx -> {
                release.await();
                return StepResult.success(Map.of());
            }));
    private final MutableClock clock = engine.clock();
    private Tasker tasker;

    @BeforeEach
    void started() {
        tasker = engine.tasker();
    }

    @AfterEach
    void released() {
        release.countDown(); // before the engine closes: its handlers must end
    }

    @Test
    void a_task_woken_by_its_signal_after_a_day_is_not_stale_but_its_work_afterwards_counts() {
        UUID task = tasker.createTask(TaskRequest.of("waiting", "held_approval").build()).taskUuid();
        await().atMost(Duration.ofSeconds(30)).until(() -> !tasker.signals().waiting(task).isEmpty());
        clock.advance(Duration.ofDays(1)); // a day past max_duration, within the signal's two days

        tasker.signals().send(task, "approved", Json.object().put("by", "alice"));
        awaitShipRunning(task);
        tasker.runMaintenance();

        assertThat(tasker.detectStaleTasks(true).findings()).as("woken after a day of waiting").isEmpty();
        clock.advance(Duration.ofMinutes(61)); // an hour of work since the wake: past max_duration of its own
        assertThat(tasker.detectStaleTasks(true).findings()).extracting(f -> f.task().taskUuid())
                .as("the work after the wait counts").containsExactly(task);
        release.countDown();
    }

    @Test
    void a_task_woken_by_its_timer_after_a_day_is_not_stale_and_completes() {
        UUID task = tasker.createTask(TaskRequest.of("waiting", "held_timer").build()).taskUuid();
        await().atMost(Duration.ofSeconds(30)).until(() -> tasker.tasks().step(task, "pause")
                .map(step -> step.state() == StepState.IN_PROGRESS).orElse(false));
        clock.advance(Duration.ofDays(1).plusSeconds(1));
        tasker.runMaintenance(); // the timer is due: the scheduler wakes it

        awaitShipRunning(task);
        StalenessDetector.Round round = tasker.detectStaleTasks(false);
        assertThat(round.findings()).as("woken after a day of waiting").isEmpty();
        release.countDown();
        assertThat(tasker.awaitCompletion(task, Duration.ofSeconds(30))).isEqualTo(TaskState.COMPLETE);
    }

    private void awaitShipRunning(UUID task) {
        await().atMost(Duration.ofSeconds(30)).until(() -> tasker.tasks().step(task, "ship")
                .map(step -> step.state() == StepState.IN_PROGRESS).orElse(false));
    }
}
