package io.tasker.park;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tasker.Tasker;
import io.tasker.handler.StepHandler;
import io.tasker.handler.StepResult;
import io.tasker.handler.WakeOutcome;
import io.tasker.json.Json;
import io.tasker.state.StepState;
import io.tasker.state.TaskState;
import io.tasker.store.jdbc.Jdbc;
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
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The parked-step primitive: a step that waits without holding a worker, woken by its key from any engine,
 * exactly once, by an event kept from before it parked, or by its deadline; staleness leaves it alone meanwhile,
 * lease recovery never takes it, and a wait abandoned by a cancel is swept and reported to its kind.
 */
@DatabaseTest
class ParkedStepsTest {

    /**
     * {@code hold} parks on the context's key; with {@code deadline_minutes} (or {@code _seconds}) its deadline
     * completes it, or fails it with {@code fail_on_deadline}.
     */
    static final String TEMPLATE = """
            name: waits
            namespace_name: park
            version: 1.0.0
            identity_strategy: always_unique
            lifecycle: {max_steps_in_process_minutes: 10}
            steps:
              - {name: first, handler: {callable: gate}}
              - {name: hold, handler: {callable: hold}, dependencies: [first], retry: {max_attempts: 2, backoff: none}}
              - {name: after, handler: {callable: echo}, dependencies: [hold]}
            """;

    static final StepHandler HOLD = ctx -> {
        JsonNode context = ctx.taskContext();
        StepResult.Park park = StepResult.park("test", context.path("key").asString())
                .details(Map.of("attempt", ctx.attempt()));
        if (context.has("deadline_minutes") || context.has("deadline_seconds")) {
            WakeOutcome onDeadline = context.path("fail_on_deadline").asBoolean(false)
                    ? WakeOutcome.fail("TestTimeout", "nobody came", false)
                    : WakeOutcome.complete(Map.of("timed_out", true));
            Duration wait = context.has("deadline_minutes")
                    ? Duration.ofMinutes(context.path("deadline_minutes").asLong())
                    : Duration.ofSeconds(context.path("deadline_seconds").asLong());
            park = park.deadline(ctx.now().plus(wait), onDeadline);
        }
        return park;
    };

    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    private final CountDownLatch gate = new CountDownLatch(1);
    private DataSource dataSource;
    private Jdbc jdbc;
    private Tasker tasker;

    @BeforeEach
    void start(DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = new Jdbc(dataSource);
    }

    @AfterEach
    void stop() {
        gate.countDown();
        if (tasker != null) {
            tasker.close();
        }
    }

    private Tasker engine(boolean gated) {
        tasker = Engines.fast(dataSource).clock(clock)
                .handler("gate", ctx -> {
                    if (gated) {
                        gate.await();
                    }
                    return StepResult.success(Map.of());
                })
                .handler("hold", HOLD)
                .template(TEMPLATE).start();
        return tasker;
    }

    private UUID task(Map<String, Object> context) {
        return tasker.createTask(TaskRequest.of("park", "waits").context(context).build()).taskUuid();
    }

    private void awaitParked(UUID task) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !tasker.parkedSteps().waiting(task).isEmpty());
    }

    private StepState stateOf(UUID task, String step) {
        return jdbc.queryOne("""
                SELECT s.current_state FROM tasker.workflow_steps s JOIN tasker.named_steps n USING (named_step_uuid)
                WHERE s.task_uuid = ? AND n.name = ?""", row -> StepState.fromDb(row.getString(1)), task, step)
                .orElseThrow();
    }

    private JsonNode resultOf(UUID task, String step) {
        return jdbc.queryOne("""
                SELECT s.results FROM tasker.workflow_steps s JOIN tasker.named_steps n USING (named_step_uuid)
                WHERE s.task_uuid = ? AND n.name = ?""", row -> Json.parse(row.getString(1)), task, step)
                .orElseThrow();
    }

    @Test
    void a_parked_step_holds_no_worker_and_completes_when_another_engine_wakes_it_by_key() {
        engine(false);
        UUID task = task(Map.of("key", "k1"));
        awaitParked(task);

        ParkedStep parked = tasker.parkedSteps().waiting(task).get(0);
        assertThat(parked.key()).isEqualTo(new ParkKey(task, "test", "k1"));
        assertThat(parked.details().path("attempt").asInt()).isEqualTo(1);
        assertThat(stateOf(task, "hold")).isEqualTo(StepState.IN_PROGRESS);
        assertThat(tasker.runningSteps()).as("no worker slot is held while it waits").isZero();
        assertThat(jdbc.queryOne("SELECT lease_token IS NULL AND claimed_by IS NULL FROM tasker.workflow_steps "
                + "WHERE workflow_step_uuid = ?", row -> row.getBoolean(1), parked.stepUuid())).contains(true);

        WakeResult woken;
        try (Tasker other = Engines.fast(dataSource).runWorkers(false).runMaintenance(false).start()) {
            woken = other.parkedSteps().complete(new ParkKey(task, "test", "k1"), Map.of("approved", true));
        }
        assertThat(woken).isEqualTo(new WakeResult(WakeResult.Status.WOKE, Optional.of(parked.stepUuid())));
        assertThat(tasker.awaitCompletion(task, Duration.ofSeconds(30))).isEqualTo(TaskState.COMPLETE);
        assertThat(resultOf(task, "hold").path("approved").asBoolean()).isTrue();
        assertThat(resultOf(task, "after").path("dependency_results").path("hold").path("approved").asBoolean())
                .isTrue();
        assertThat(jdbc.queryOne("""
                SELECT metadata -> 'woken' ->> 'by' FROM tasker.workflow_step_transitions
                WHERE workflow_step_uuid = ? AND to_state = 'enqueued_for_orchestration'""",
                row -> row.getString(1), parked.stepUuid())).contains("event");
        assertThat(tasker.parkedSteps().complete(new ParkKey(task, "test", "k1"), Map.of("approved", false)).status())
                .as("a second wake-up changes nothing").isEqualTo(WakeResult.Status.TASK_FINISHED);
        assertThat(resultOf(task, "hold").path("approved").asBoolean()).isTrue();
        Invariants.check(dataSource);
    }

    @Test
    void an_event_sent_before_the_step_parks_is_kept_and_wakes_it_as_it_parks() {
        engine(true);
        UUID task = task(Map.of("key", "early"));
        ParkKey key = new ParkKey(task, "test", "early");

        assertThat(tasker.parkedSteps().complete(key, Map.of("n", 1)).status()).isEqualTo(WakeResult.Status.KEPT);
        assertThat(tasker.parkedSteps().complete(key, Map.of("n", 2)).status())
                .isEqualTo(WakeResult.Status.DUPLICATE);
        gate.countDown();

        assertThat(tasker.awaitCompletion(task, Duration.ofSeconds(30))).isEqualTo(TaskState.COMPLETE);
        assertThat(resultOf(task, "hold").path("n").asInt()).as("the first event wins").isEqualTo(1);
        assertThat(jdbc.queryOne("SELECT count(*) FROM tasker.step_wakeups WHERE task_uuid = ? AND consumed_at IS NULL",
                row -> row.getInt(1), task)).contains(0);
        Invariants.check(dataSource);
    }

    @Test
    void a_passed_deadline_wakes_the_step_and_lease_recovery_never_takes_it() {
        engine(false);
        UUID completes = task(Map.of("key", "a", "deadline_minutes", 60));
        UUID fails = task(Map.of("key", "b", "deadline_minutes", 60, "fail_on_deadline", true));
        awaitParked(completes);
        awaitParked(fails);

        clock.advance(Duration.ofMinutes(30));
        tasker.runMaintenance();
        assertThat(stateOf(completes, "hold")).as("not due yet, and no lease to expire").isEqualTo(StepState.IN_PROGRESS);

        clock.advance(Duration.ofMinutes(31));
        tasker.runMaintenance();
        assertThat(tasker.awaitCompletion(completes, Duration.ofSeconds(30))).isEqualTo(TaskState.COMPLETE);
        assertThat(resultOf(completes, "hold").path("timed_out").asBoolean()).isTrue();
        assertThat(tasker.awaitCompletion(fails, Duration.ofSeconds(30))).isEqualTo(TaskState.ERROR);
        assertThat(resultOf(fails, "hold").path("error").path("type").asString()).isEqualTo("TestTimeout");
        Invariants.check(dataSource);
    }

    @Test
    void a_retryable_failure_wakes_the_step_into_its_retry_and_it_parks_again() {
        engine(false);
        UUID task = task(Map.of("key", "again"));
        awaitParked(task);
        ParkKey key = new ParkKey(task, "test", "again");

        assertThat(tasker.parkedSteps().fail(key, "NotYet", "try again", true).status())
                .isEqualTo(WakeResult.Status.WOKE);
        await().atMost(Duration.ofSeconds(30)).until(() -> tasker.parkedSteps().waiting(task).stream()
                .anyMatch(p -> p.details().path("attempt").asInt() == 2));
        tasker.parkedSteps().complete(key, Map.of("second", true));

        assertThat(tasker.awaitCompletion(task, Duration.ofSeconds(30))).isEqualTo(TaskState.COMPLETE);
        assertThat(jdbc.queryOne("SELECT attempts FROM tasker.workflow_steps s JOIN tasker.named_steps n "
                + "USING (named_step_uuid) WHERE s.task_uuid = ? AND n.name = 'hold'", row -> row.getInt(1), task))
                .contains(2);
        Invariants.check(dataSource);
    }

    @Test
    void staleness_leaves_a_waiting_task_alone_until_its_deadline_passes() {
        tasker = Engines.fast(dataSource).clock(clock).runMaintenance(false)
                .handler("gate", ctx -> StepResult.success(Map.of())).handler("hold", HOLD)
                .template(TEMPLATE).start();
        UUID waiting = task(Map.of("key", "w", "deadline_minutes", 60));
        awaitParked(waiting);

        clock.advance(Duration.ofMinutes(45));
        assertThat(tasker.dlq().staleness(Optional.empty(), 100)).singleElement()
                .satisfies(row -> assertThat(row.health()).isEqualTo("waiting"));
        assertThat(tasker.detectStaleTasks(false).findings()).isEmpty();

        clock.advance(Duration.ofMinutes(20));
        assertThat(tasker.detectStaleTasks(false).findings()).as("past its deadline and not woken: stale")
                .singleElement().satisfies(f -> assertThat(f.task().taskUuid()).isEqualTo(waiting));
        Invariants.check(dataSource);
    }

    @Test
    void cancelling_a_task_sweeps_its_wait_and_tells_the_kind_at_once() {
        engine(false);
        List<ParkedStep> abandoned = new CopyOnWriteArrayList<>();
        tasker.parkedSteps().onAbandoned("test", abandoned::add);
        UUID task = task(Map.of("key", "gone"));
        awaitParked(task);

        tasker.cancel(task, "no longer needed", "test");

        assertThat(abandoned).singleElement().satisfies(p -> assertThat(p.key().key()).isEqualTo("gone"));
        assertThat(jdbc.queryOne("SELECT count(*) FROM tasker.parked_steps", row -> row.getInt(1))).contains(0);
        assertThat(tasker.parkedSteps().complete(new ParkKey(task, "test", "gone"), Map.of()).status())
                .isEqualTo(WakeResult.Status.TASK_FINISHED);
        Invariants.check(dataSource);
    }

    @Test
    void two_steps_of_a_task_cannot_wait_on_one_key() {
        tasker = Engines.fast(dataSource).clock(clock).handler("hold", HOLD).template("""
                name: twice
                namespace_name: park
                version: 1.0.0
                steps:
                  - {name: one, handler: {callable: hold}}
                  - {name: two, handler: {callable: hold}}
                """).start();
        UUID task = tasker.createTask(TaskRequest.of("park", "twice").context(Map.of("key", "same")).build())
                .taskUuid();
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryOne(
                "SELECT count(*) FROM tasker.workflow_steps WHERE task_uuid = ? AND current_state = 'error'",
                row -> row.getInt(1), task).orElse(0) == 1);
        assertThat(tasker.parkedSteps().waiting(task)).hasSize(1);
        assertThat(jdbc.queryOne("SELECT results -> 'error' ->> 'type' FROM tasker.workflow_steps "
                + "WHERE task_uuid = ? AND current_state = 'error'", row -> row.getString(1), task))
                .contains("ParkKeyTaken");
    }
}
