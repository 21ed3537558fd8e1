package io.tasker.timer;

import static org.assertj.core.api.Assertions.assertThat;

import io.tasker.Tasker;
import io.tasker.state.TaskState;
import io.tasker.task.CreatedTask;
import io.tasker.task.TaskRequest;
import io.tasker.testing.ClockedEngine;
import io.tasker.testing.DatabaseTest;
import io.tasker.testing.Invariants;
import io.tasker.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Tasks created to start later: pending and waiting (not stale) until due, then started by the scheduler. */
@DatabaseTest
class DelayedStartTest {

    private static final String TEMPLATE = """
            name: later
            namespace_name: timers
            version: 1.0.0
            identity_strategy: always_unique
            lifecycle: {max_duration_minutes: 60}
            steps:
              - {name: one, handler: {callable: noop}}
              - {name: two, handler: {callable: noop}, dependencies: [one]}
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
    void a_task_with_a_later_start_waits_pending_and_starts_when_due() {
        Instant runAt = clock.instant().plus(Duration.ofHours(3));
        CreatedTask task = tasker.createTask(TaskRequest.of("timers", "later").runAt(runAt).build());

        assertThat(task.state()).isEqualTo(TaskState.PENDING);
        assertThat(tasker.creation().runAt(task.taskUuid())).contains(runAt);
        clock.advance(Duration.ofHours(2));
        tasker.runMaintenance();
        assertThat(tasker.tasks().state(task.taskUuid())).contains(TaskState.PENDING);
        assertThat(tasker.dlq().staleness(Optional.empty(), 10)).singleElement()
                .satisfies(row -> assertThat(row.health()).isEqualTo("waiting"));

        clock.advance(Duration.ofHours(1));
        tasker.runMaintenance();
        assertThat(tasker.awaitCompletion(task.taskUuid(), Duration.ofSeconds(30))).isEqualTo(TaskState.COMPLETE);
        assertThat(tasker.tasks().taskTransitions(task.taskUuid()))
                .as("the states passed (committed changes carry the states between in metadata.via)")
                .flatExtracting(t -> t.states())
                .startsWith("pending", "initializing", "enqueuing_steps", "steps_in_process");
        assertThat(tasker.detectStaleTasks(true).findings()).as("its age counts from its start").isEmpty();
        Invariants.check(engine.dataSource());
    }

    @Test
    void a_start_in_the_past_starts_at_once_and_a_cancelled_waiting_task_stays_cancelled() {
        CreatedTask now = tasker.createTask(TaskRequest.of("timers", "later")
                .runAt(clock.instant().minusSeconds(5)).build());
        CreatedTask cancelled = tasker.createTask(TaskRequest.of("timers", "later")
                .runAt(clock.instant().plus(Duration.ofMinutes(5))).build());
        assertThat(tasker.awaitCompletion(now.taskUuid(), Duration.ofSeconds(30))).isEqualTo(TaskState.COMPLETE);

        tasker.cancel(cancelled.taskUuid(), "not needed", "test");
        clock.advance(Duration.ofMinutes(6));
        tasker.runMaintenance();
        assertThat(tasker.tasks().state(cancelled.taskUuid())).contains(TaskState.CANCELLED);
        Invariants.check(engine.dataSource());
    }
}
