package io.tasker.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tasker.Tasker;
import io.tasker.handler.StepResult;
import io.tasker.identity.Org;
import io.tasker.json.Json;
import io.tasker.state.TaskState;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.testing.DatabaseTest;
import io.tasker.testing.Engines;
import io.tasker.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Template schedules on the engine's scheduler, with a clock the test moves: one task per tick (idempotent per
 * tick, however many schedulers), the overlap and catch-up policies, pause and resume, and ticks whose task cannot
 * be created.
 */
@DatabaseTest
class SchedulesTest {

    static final String TEMPLATE = """
            name: report
            namespace_name: sched
            version: 1.0.0
            input_schema: {type: object, required: [report], properties: {report: {type: string}}}
            steps:
              - {name: build, handler: {callable: gate}}
            """;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T09:59:30Z"));
    private final CountDownLatch gate = new CountDownLatch(1);
    private final List<Tasker> engines = new ArrayList<>();
    private DataSource dataSource;
    private Jdbc jdbc;
    private volatile boolean holdTasks;

    @BeforeEach
    void start(DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = new Jdbc(dataSource);
    }

    @AfterEach
    void stop() {
        gate.countDown();
        engines.forEach(Tasker::close);
    }

    private Tasker engine() {
        Tasker tasker = Engines.fast(dataSource).clock(clock)
                .handler("gate", ctx -> {
                    if (holdTasks) {
                        gate.await();
                    }
                    return StepResult.success(Map.of());
                })
                .template(TEMPLATE).start();
        engines.add(tasker);
        return tasker;
    }

    private Schedule hourly(Tasker tasker, Overlap overlap, CatchUp catchUp) {
        return tasker.schedules().create(Org.DEFAULT_ID, ScheduleRequest.of("sched", "report", "0 * * * *")
                .withContext(Json.object().put("report", "sales")).withOverlap(overlap).withCatchUp(catchUp),
                Optional.of("test"));
    }

    private List<UUID> tasksOf(Schedule schedule) {
        return jdbc.query("SELECT task_uuid FROM tasker.tasks WHERE initiator = ? ORDER BY created_at",
                row -> row.getObject(1, UUID.class), schedule.tickOwner());
    }

    private Map<String, Integer> outcomes(Schedule schedule) {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        jdbc.query("SELECT outcome, count(*) FROM tasker.cron_ticks WHERE owner = ? GROUP BY outcome",
                row -> counts.put(row.getString(1), row.getInt(2)), schedule.tickOwner());
        return counts;
    }

    @Test
    void each_tick_starts_one_task_of_the_template_with_the_schedules_context() {
        Tasker tasker = engine();
        Schedule schedule = hourly(tasker, Overlap.ALLOW, CatchUp.LAST);
        assertThat(schedule.nextTickAt()).contains(Instant.parse("2026-03-01T10:00:00Z"));

        tasker.runMaintenance();
        assertThat(tasksOf(schedule)).as("not due yet").isEmpty();

        clock.advance(Duration.ofSeconds(35));
        tasker.runMaintenance();
        tasker.runMaintenance();
        List<UUID> first = tasksOf(schedule);
        assertThat(first).hasSize(1);
        assertThat(tasker.awaitCompletion(first.get(0), Duration.ofSeconds(30))).isEqualTo(TaskState.COMPLETE);
        assertThat(tasker.tasks().get(first.get(0)).row().context().path("report").asString())
                .isEqualTo("sales");

        clock.advance(Duration.ofHours(1));
        tasker.runMaintenance();
        assertThat(tasksOf(schedule)).hasSize(2);
        assertThat(tasker.schedules().ticks(Org.DEFAULT_ID, schedule.scheduleUuid(), 10))
                .extracting(ScheduleTick::tickAt).containsExactly(Instant.parse("2026-03-01T11:00:00Z"),
                        Instant.parse("2026-03-01T10:00:00Z"));
        assertThat(tasker.schedules().get(Org.DEFAULT_ID, schedule.scheduleUuid()).nextTickAt())
                .contains(Instant.parse("2026-03-01T12:00:00Z"));
    }

    @Test
    void overlap_skip_skips_ticks_while_the_previous_run_goes_on_and_cancel_previous_cancels_it() {
        holdTasks = true;
        Tasker tasker = engine();
        Schedule skip = hourly(tasker, Overlap.SKIP, CatchUp.LAST);
        Schedule cancel = hourly(tasker, Overlap.CANCEL_PREVIOUS, CatchUp.LAST);
        clock.advance(Duration.ofSeconds(35));
        tasker.runMaintenance();
        clock.advance(Duration.ofHours(1));
        tasker.runMaintenance();

        assertThat(tasksOf(skip)).hasSize(1);
        assertThat(outcomes(skip)).containsEntry("fired", 1).containsEntry("skipped", 1);
        List<UUID> cancelled = tasksOf(cancel);
        assertThat(cancelled).hasSize(2);
        assertThat(tasker.tasks().state(cancelled.get(0))).contains(TaskState.CANCELLED);
        assertThat(tasker.tasks().state(cancelled.get(1))).isNotEqualTo(Optional.of(TaskState.CANCELLED));
    }

    @Test
    void after_a_downtime_missed_ticks_follow_the_catch_up_policy() {
        Tasker tasker = engine();
        Schedule none = hourly(tasker, Overlap.ALLOW, CatchUp.NONE);
        Schedule last = hourly(tasker, Overlap.ALLOW, CatchUp.LAST);
        Schedule all = hourly(tasker, Overlap.ALLOW, CatchUp.ALL);
        clock.advance(Duration.ofHours(4).plusMinutes(10)); // 10:00 .. 14:00 passed while no scheduler ran

        tasker.runMaintenance();

        assertThat(tasksOf(none)).isEmpty();
        assertThat(tasksOf(last)).hasSize(1);
        assertThat(tasksOf(all)).hasSize(5);
        assertThat(tasker.tasks().get(tasksOf(last).get(0)).row().reason())
                .isEqualTo("cron tick 2026-03-01T14:00:00Z");
        for (Schedule schedule : List.of(none, last, all)) {
            assertThat(tasker.schedules().get(Org.DEFAULT_ID, schedule.scheduleUuid()).nextTickAt())
                    .contains(Instant.parse("2026-03-01T15:00:00Z"));
        }
    }

    @Test
    void a_paused_schedule_does_not_tick_and_resumes_from_now_on() {
        Tasker tasker = engine();
        Schedule schedule = hourly(tasker, Overlap.ALLOW, CatchUp.ALL);
        assertThat(tasker.schedules().pause(Org.DEFAULT_ID, schedule.scheduleUuid()).paused()).isTrue();
        clock.advance(Duration.ofHours(3));
        tasker.runMaintenance();
        assertThat(tasksOf(schedule)).isEmpty();

        Schedule resumed = tasker.schedules().resume(Org.DEFAULT_ID, schedule.scheduleUuid());
        assertThat(resumed.nextTickAt()).contains(Instant.parse("2026-03-01T13:00:00Z"));
        tasker.runMaintenance();
        assertThat(tasksOf(schedule)).as("ticks that passed while paused are not caught up").isEmpty();
        clock.advance(Duration.ofMinutes(1));
        tasker.runMaintenance();
        assertThat(tasksOf(schedule)).hasSize(1);

        tasker.schedules().delete(Org.DEFAULT_ID, schedule.scheduleUuid());
        assertThatThrownBy(() -> tasker.schedules().get(Org.DEFAULT_ID, schedule.scheduleUuid()))
                .isInstanceOf(Schedules.ScheduleNotFoundException.class);
    }

    @Test
    void a_tick_whose_task_cannot_be_created_is_recorded_as_failed_and_the_schedule_goes_on() {
        Tasker tasker = engine();
        Schedule broken = tasker.schedules().create(Org.DEFAULT_ID,
                ScheduleRequest.of("sched", "report", "0 * * * *"), Optional.empty());
        clock.advance(Duration.ofSeconds(35));
        tasker.runMaintenance();

        assertThat(tasker.schedules().ticks(Org.DEFAULT_ID, broken.scheduleUuid(), 5)).singleElement()
                .satisfies(tick -> {
                    assertThat(tick.outcome()).isEqualTo(CronTicks.Outcome.FAILED);
                    assertThat(tick.error().orElseThrow()).contains("report");
                });
        assertThat(tasker.schedules().get(Org.DEFAULT_ID, broken.scheduleUuid()).nextTickAt())
                .contains(Instant.parse("2026-03-01T11:00:00Z"));
    }

    @Test
    void schedulers_of_several_engines_start_one_task_per_tick() throws Exception {
        List<Tasker> schedulers = List.of(engine(), engine(), engine());
        Schedule schedule = schedulers.get(0).schedules().create(Org.DEFAULT_ID,
                ScheduleRequest.of("sched", "report", "*/5 * * * *").withContext(Json.object().put("report", "x"))
                        .withOverlap(Overlap.ALLOW).withCatchUp(CatchUp.ALL), Optional.empty());
        clock.advance(Duration.ofHours(4)); // 48 ticks

        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> rounds = new ArrayList<>();
            for (int round = 0; round < 4; round++) {
                for (Tasker scheduler : schedulers) {
                    rounds.add(threads.submit(scheduler::runMaintenance));
                }
            }
            for (Future<?> round : rounds) {
                round.get();
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(tasksOf(schedule)).hasSize(48);
        assertThat(outcomes(schedule)).isEqualTo(Map.of("fired", 48));
        assertThat(jdbc.queryOne("SELECT count(DISTINCT task_uuid) FROM tasker.cron_ticks WHERE owner = ?",
                row -> row.getInt(1), schedule.tickOwner())).contains(48);
    }
}
