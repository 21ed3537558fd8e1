package io.tasker.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tasker.Tasker;
import io.tasker.handler.StepResult;
import io.tasker.identity.Org;
import io.tasker.json.Json;
import io.tasker.store.Rows;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.testing.ChildJvm;
import io.tasker.testing.DatabaseTest;
import io.tasker.testing.Engines;
import io.tasker.testing.TestPostgres;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The scheduler catching up 12 hours of minute ticks is killed with SIGKILL mid-way. A tick and its task commit
 * together: after another scheduler finishes the catch-up, every minute fired exactly once, with exactly one task.
 */
@DatabaseTest
class SchedulesCrashTest {

    @Test
    void a_killed_scheduler_leaves_no_tick_twice_and_none_lost(TestPostgres postgres) throws Exception {
        Jdbc jdbc = new Jdbc(postgres.dataSource());
        Schedule schedule;
        try (Tasker admin = Engines.fast(postgres.dataSource()).runWorkers(false).runMaintenance(false)
                .handler("gate", ctx -> StepResult.success(Map.of())).template(SchedulesTest.TEMPLATE).start()) {
            schedule = admin.schedules().create(Org.DEFAULT_ID, ScheduleRequest.of("sched", "report", "* * * * *")
                    .withContext(Json.object().put("report", "r")).withOverlap(Overlap.ALLOW)
                    .withCatchUp(CatchUp.ALL), Optional.empty());
        }
        Instant downSince = Instant.now().minus(Duration.ofHours(12)).truncatedTo(ChronoUnit.MINUTES);
        jdbc.update("UPDATE tasker.schedules SET handled_up_to = ?, next_tick_at = ? WHERE schedule_uuid = ?",
                downSince, downSince.plus(Duration.ofMinutes(1)), schedule.scheduleUuid());

        try (ChildJvm child = ChildJvm.start(SchedulingEngineMain.class, postgres.jdbcUrl())) {
            child.awaitLine("READY", Duration.ofSeconds(60));
            await().atMost(Duration.ofSeconds(60)).until(() -> fired(jdbc, schedule) >= 150);
            child.kill();
        }
        int firedWhenKilled = fired(jdbc, schedule);
        assertThat(firedWhenKilled).as("the kill landed mid catch-up").isLessThan(12 * 60);

        try (Tasker survivor = Engines.fast(postgres.dataSource()).runWorkers(false)
                .handler("gate", ctx -> StepResult.success(Map.of())).template(SchedulesTest.TEMPLATE).start()) {
            await().atMost(Duration.ofSeconds(120)).until(() -> fired(jdbc, schedule) >= 12 * 60);
        }
        Map<String, Object> summary = jdbc.queryOne("""
                SELECT count(*) AS ticks, count(DISTINCT task_uuid) AS tasks, min(tick_at) AS first,
                       max(tick_at) AS last FROM tasker.cron_ticks WHERE owner = ? AND outcome = 'fired'""",
                row -> Map.<String, Object>of("ticks", row.getInt(1), "tasks", row.getInt(2),
                        "minutes", (int) Duration.between(Rows.instant(row, "first"), Rows.instant(row, "last"))
                                .toMinutes() + 1), schedule.tickOwner()).orElseThrow();
        assertThat(summary.get("ticks")).as("no minute missing").isEqualTo(summary.get("minutes"));
        assertThat(summary.get("tasks")).as("one task per tick").isEqualTo(summary.get("ticks"));
        assertThat(jdbc.queryOne("SELECT count(*) FROM tasker.tasks WHERE initiator = ?", row -> row.getInt(1),
                schedule.tickOwner())).as("no task without its tick").contains((Integer) summary.get("ticks"));
        assertThat(jdbc.queryOne("SELECT min(tick_at) AS first FROM tasker.cron_ticks WHERE owner = ?",
                row -> Rows.instant(row, "first"), schedule.tickOwner()))
                .contains(downSince.plus(Duration.ofMinutes(1)));
    }

    private static int fired(Jdbc jdbc, Schedule schedule) {
        return jdbc.queryOne("SELECT count(*) FROM tasker.cron_ticks WHERE owner = ? AND outcome = 'fired'",
                row -> row.getInt(1), schedule.tickOwner()).orElse(0);
    }
}
