package io.tasker.dlq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tasker.Tasker;
import io.tasker.engine.store.StepChange;
import io.tasker.engine.store.TransitionWriter;
import io.tasker.handler.StepResult;
import io.tasker.scheduler.StalenessDetector;
import io.tasker.state.StepState;
import io.tasker.state.TaskState;
import io.tasker.store.Ids;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.store.rows.DlqReason;
import io.tasker.store.rows.DlqResolutionStatus;
import io.tasker.task.TaskRequest;
import io.tasker.testing.DatabaseTest;
import io.tasker.testing.Engines;
import io.tasker.testing.Invariants;
import io.tasker.testing.MutableClock;
import io.tasker.testing.Templates;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;


/**
 * Staleness detection with an injected clock: each stale state and each dead letter reason, the template's
 * staleness actions, the dry run, and the health thresholds of the staleness report.
 */
@DatabaseTest
class StalenessTest {

    /** steps_in_process after 10 min, waiting_for_retry after 5, waiting_for_dependencies after 15, alive 2 h. */
    static String stuckTemplate(String action, String handler, String backoff) {
        return Templates.chain("stale", handler, "noop").name("stuck_" + action + "_" + handler)
                .options("first", "retry: {max_attempts: 2, backoff: " + backoff + ", backoff_base_ms: 3600000, "
                        + "max_backoff_ms: 3600000}")
                .with("""
                        lifecycle:
                          max_steps_in_process_minutes: 10
                          max_waiting_for_retry_minutes: 5
                          max_waiting_for_dependencies_minutes: 15
                          max_duration_minutes: 120
                          staleness_action: %s""".formatted(action)).yaml();
    }

    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    private final CountDownLatch release = new CountDownLatch(1);
    private DataSource dataSource;
    private Jdbc jdbc;
    private Tasker tasker;
    private String template;

    @BeforeEach
    void remember(DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = new Jdbc(dataSource);
    }

    @AfterEach
    void stop() {
        release.countDown();
        if (tasker != null) {
            tasker.close();
        }
        Invariants.check(dataSource);
    }

    @Test
    void a_step_no_worker_claims_makes_the_task_stale_with_worker_unavailable() {
        start("dlq", "external");
        UUID task = create();
        assertThat(health(task, 5)).isEqualTo("healthy");
        assertThat(health(task, 4)).as("9 of 10 minutes").isEqualTo("warning");
        clock.advance(Duration.ofMinutes(2));

        StalenessDetector.Round round = tasker.detectStaleTasks(false);

        assertThat(round.findings()).singleElement().satisfies(f -> {
            assertThat(f.reason()).isEqualTo(DlqReason.WORKER_UNAVAILABLE);
            assertThat(f.action()).isEqualTo("dlq");
            assertThat(f.applied()).isTrue();
        });
        assertThat(taskState(task)).isEqualTo(TaskState.ERROR);
        assertThat(stepState(task, "first")).isEqualTo("error");
        DlqEntry entry = tasker.dlq().forTask(task).get(0);
        assertThat(entry.row().dlqReason()).isEqualTo(DlqReason.WORKER_UNAVAILABLE);
        assertThat(entry.row().resolutionStatus()).isEqualTo(DlqResolutionStatus.PENDING);
        assertThat(entry.row().originalState()).isEqualTo("steps_in_process");
        assertThat(entry.row().taskSnapshot().path("task").path("state").asString()).isEqualTo("steps_in_process");
        assertThat(entry.row().taskSnapshot().path("steps").get(0).path("state").asString()).isEqualTo("enqueued");
        assertThat(entry.row().metadata().path("threshold_minutes").asInt()).isEqualTo(10);
        assertThat(tasker.dlq().staleness(Optional.empty(), 10)).as("no longer unfinished").isEmpty();
    }

    @Test
    void a_step_that_runs_forever_makes_the_task_stale_and_its_handler_is_stopped() throws Exception {
        start("dlq", "forever");
        UUID task = create();
        await().atMost(Duration.ofSeconds(30)).until(() -> "in_progress".equals(stepState(task, "first")));
        clock.advance(Duration.ofMinutes(11));

        assertThat(tasker.detectStaleTasks(false).findings()).singleElement()
                .satisfies(f -> assertThat(f.reason()).isEqualTo(DlqReason.STALENESS_TIMEOUT));

        assertThat(taskState(task)).isEqualTo(TaskState.ERROR);
        assertThat(jdbc.queryOne("""
                SELECT s.results -> 'error' ->> 'type' FROM tasker.workflow_steps s
                JOIN tasker.named_steps n USING (named_step_uuid) WHERE s.task_uuid = ? AND n.name = 'first'
                """, row -> row.getString(1), task)).contains("StaleTask");
        await().atMost(Duration.ofSeconds(30)).until(() -> tasker.runningSteps() == 0);
    }

    @Test
    void a_retry_that_is_far_away_makes_the_task_stale_in_waiting_for_retry() {
        start("dlq", "flaky");
        UUID task = create();
        await().atMost(Duration.ofSeconds(30)).until(() -> taskState(task) == TaskState.WAITING_FOR_RETRY);
        clock.advance(Duration.ofMinutes(6));

        assertThat(tasker.detectStaleTasks(false).findings()).singleElement().satisfies(f -> {
            assertThat(f.reason()).isEqualTo(DlqReason.STALENESS_TIMEOUT);
            assertThat(f.task().state()).isEqualTo(TaskState.WAITING_FOR_RETRY);
        });
        assertThat(taskState(task)).isEqualTo(TaskState.ERROR);
        assertThat(stepState(task, "first")).as("a waiting step stays as it was").isEqualTo("waiting_for_retry");
    }

    @Test
    void a_dependency_cycle_in_hand_edited_data_is_reported_as_such() {
        start("dlq", "external");
        UUID task = create();
        UUID first = stepUuid(task, "first");
        UUID second = stepUuid(task, "second");
        // Someone edits the database by hand: first now also waits for second, and the task waits for both.
        TransitionWriter transitions = new TransitionWriter(Ids.next());
        jdbc.inTransaction(tx -> {
            transitions.writeStepPaths(tx, StepChange.RESET, List.of(new TransitionWriter.StepPath(first,
                    StepState.ENQUEUED, List.of(StepState.WAITING_FOR_RETRY, StepState.PENDING), null)),
                    clock.instant());
            tx.update("UPDATE tasker.workflow_steps SET enqueued_at = NULL WHERE workflow_step_uuid = ?", first);
            transitions.writeTaskPaths(tx, List.of(new TransitionWriter.TaskPath(task, TaskState.STEPS_IN_PROCESS,
                    List.of(TaskState.EVALUATING_RESULTS, TaskState.WAITING_FOR_DEPENDENCIES), null)),
                    clock.instant());
            tx.update("INSERT INTO tasker.workflow_step_edges (from_step_uuid, to_step_uuid, name, created_at, "
                    + "updated_at) VALUES (?, ?, 'provides', now(), now())", second, first);
            return null;
        });
        clock.advance(Duration.ofMinutes(16));

        assertThat(tasker.detectStaleTasks(false).findings()).singleElement()
                .satisfies(f -> assertThat(f.reason()).isEqualTo(DlqReason.DEPENDENCY_CYCLE_DETECTED));
        assertThat(taskState(task)).isEqualTo(TaskState.ERROR);
    }

    @Test
    void a_task_past_its_maximum_lifetime_is_stale_whatever_its_state() {
        start("dlq", "forever");
        UUID task = create();
        await().atMost(Duration.ofSeconds(30)).until(() -> "in_progress".equals(stepState(task, "first")));
        // Keep the state fresh: only the lifetime (120 min) can be exceeded.
        jdbc.update("UPDATE tasker.task_transitions SET created_at = created_at + interval '121 minutes' "
                + "WHERE task_uuid = ? AND most_recent", task);
        clock.advance(Duration.ofMinutes(121));

        TaskStaleness staleness = tasker.dlq().staleness(Optional.empty(), 10).get(0);
        assertThat(staleness.minutesInState()).isLessThan(1);
        assertThat(staleness.taskAgeMinutes()).isGreaterThan(120);
        assertThat(staleness.health()).isEqualTo("stale");
        assertThat(tasker.detectStaleTasks(false).findings()).singleElement()
                .satisfies(f -> assertThat(f.reason()).isEqualTo(DlqReason.STALENESS_TIMEOUT));
    }

    @Test
    void a_dry_run_lists_what_would_happen_and_changes_nothing() {
        start("dlq", "external");
        UUID task = create();
        clock.advance(Duration.ofMinutes(11));

        StalenessDetector.Round round = tasker.detectStaleTasks(true);

        assertThat(round.findings()).singleElement().satisfies(f -> {
            assertThat(f.applied()).isFalse();
            assertThat(f.reason()).isEqualTo(DlqReason.WORKER_UNAVAILABLE);
            assertThat(f.action()).isEqualTo("dlq");
        });
        assertThat(taskState(task)).isEqualTo(TaskState.STEPS_IN_PROCESS);
        assertThat(tasker.dlq().forTask(task)).isEmpty();
    }

    @Test
    void staleness_action_none_only_records_and_error_fails_without_an_open_entry() {
        start("none", "external");
        UUID watched = create();
        clock.advance(Duration.ofMinutes(11));
        assertThat(tasker.detectStaleTasks(false).findings()).hasSize(1);
        assertThat(taskState(watched)).isEqualTo(TaskState.STEPS_IN_PROCESS);
        assertThat(tasker.dlq().forTask(watched)).singleElement().satisfies(e ->
                assertThat(e.row().resolutionStatus()).isEqualTo(DlqResolutionStatus.PENDING));
        assertThat(tasker.detectStaleTasks(false).findings()).as("already under investigation").isEmpty();

        tasker.close();
        start("error", "external");
        UUID failed = create();
        clock.advance(Duration.ofMinutes(11));
        tasker.detectStaleTasks(false);
        assertThat(taskState(failed)).isEqualTo(TaskState.ERROR);
        assertThat(tasker.dlq().forTask(failed)).singleElement().satisfies(e -> {
            assertThat(e.row().resolutionStatus()).isEqualTo(DlqResolutionStatus.PERMANENTLY_FAILED);
            assertThat(e.row().resolvedBy()).isEqualTo("tasker");
        });
    }

    private void start(String action, String handler) {
        tasker = Engines.fast(dataSource).clock(clock).runMaintenance(false)
                .handler("forever", ctx -> {
                    release.await(60, TimeUnit.SECONDS);
                    return StepResult.success(Map.of());
                })
                .handler("flaky", ctx -> StepResult.retryableFailure("the service is down"))
                .template(stuckTemplate(action, handler, "exponential")).start();
        template = "stuck_" + action + "_" + handler;
    }

    private UUID create() {
        return tasker.createTask(TaskRequest.of("stale", template).build()).taskUuid();
    }

    /** The task's health after the clock moves on {@code minutes}. */
    private String health(UUID task, int minutes) {
        clock.advance(Duration.ofMinutes(minutes));
        return tasker.dlq().staleness(Optional.empty(), 10).stream().filter(s -> s.taskUuid().equals(task))
                .findFirst().orElseThrow().health();
    }

    private TaskState taskState(UUID task) {
        return tasker.tasks().state(task).orElseThrow();
    }

    private String stepState(UUID task, String step) {
        return tasker.tasks().step(task, step).orElseThrow().state().dbValue();
    }

    private UUID stepUuid(UUID task, String step) {
        return tasker.tasks().step(task, step).orElseThrow().row().workflowStepUuid();
    }
}
