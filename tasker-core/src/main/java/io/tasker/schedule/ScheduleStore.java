package io.tasker.schedule;

import io.tasker.store.Rows;
import io.tasker.store.jdbc.Tx;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The rows of {@code tasker.schedules} and the tick history of {@code tasker.cron_ticks}. */
final class ScheduleStore {

    private static final String INSERT = """
            INSERT INTO tasker.schedules (org_id, namespace_name, task_name, task_version, cron, timezone, context,
                                          overlap, catch_up, next_tick_at, handled_up_to, created_by, created_at,
                                          updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            RETURNING *
            """;

    private static final String GET = "SELECT * FROM tasker.schedules WHERE schedule_uuid = ? AND org_id = ?";

    private static final String LIST = """
            SELECT * FROM tasker.schedules
            WHERE org_id = ? AND (?::text IS NULL OR namespace_name = ?::text) AND (?::text IS NULL OR task_name = ?::text)
            ORDER BY created_at, schedule_uuid
            """;

    private static final String SET_PAUSED = """
            UPDATE tasker.schedules SET paused = ?, handled_up_to = ?, next_tick_at = ?, updated_at = ?
            WHERE schedule_uuid = ? AND org_id = ?
            RETURNING *
            """;

    private static final String DELETE = "DELETE FROM tasker.schedules WHERE schedule_uuid = ? AND org_id = ?";

    private static final String DUE = """
            SELECT schedule_uuid FROM tasker.schedules
            WHERE NOT paused AND next_tick_at <= ?
            ORDER BY next_tick_at LIMIT ?
            """;

    /** A due schedule, locked for this round unless another process is on it. */
    private static final String LOCK_DUE = """
            SELECT * FROM tasker.schedules
            WHERE schedule_uuid = ? AND NOT paused AND next_tick_at <= ?
            FOR UPDATE SKIP LOCKED
            """;

    private static final String NEXT_DUE = """
            SELECT next_tick_at FROM tasker.schedules WHERE NOT paused AND next_tick_at IS NOT NULL
            ORDER BY next_tick_at LIMIT 1
            """;

    private static final String TICKED = """
            UPDATE tasker.schedules
            SET handled_up_to = ?, next_tick_at = ?, last_task_uuid = coalesce(?, last_task_uuid), updated_at = ?
            WHERE schedule_uuid = ?
            """;

    private static final String TASK_FINISHED = """
            SELECT completed_at IS NOT NULL FROM tasker.tasks WHERE task_uuid = ?
            """;

    private static final String TICKS = """
            SELECT tick_at, outcome, task_uuid, error, recorded_at FROM tasker.cron_ticks
            WHERE owner = ? ORDER BY tick_at DESC LIMIT ?
            """;

    Schedule insert(Tx tx, UUID orgId, ScheduleRequest request, Optional<Instant> nextTick,
                    Optional<String> createdBy, Instant now) {
        return tx.queryOne(INSERT, ScheduleStore::schedule, orgId, request.namespace(), request.name(),
                request.version(), request.cron().text(), request.timezone(), request.context(),
                request.overlap().value(), request.catchUp().value(), nextTick, now, createdBy, now, now)
                .orElseThrow();
    }

    Optional<Schedule> get(Tx tx, UUID orgId, UUID scheduleUuid) {
        return tx.queryOne(GET, ScheduleStore::schedule, scheduleUuid, orgId);
    }

    List<Schedule> list(Tx tx, UUID orgId, Optional<String> namespace, Optional<String> name) {
        return tx.query(LIST, ScheduleStore::schedule, orgId, namespace, namespace, name, name);
    }

    Optional<Schedule> setPaused(Tx tx, UUID orgId, UUID scheduleUuid, boolean paused, Instant handledUpTo,
                                 Optional<Instant> nextTick, Instant now) {
        return tx.queryOne(SET_PAUSED, ScheduleStore::schedule, paused, handledUpTo, nextTick, now, scheduleUuid,
                orgId);
    }

    boolean delete(Tx tx, UUID orgId, UUID scheduleUuid) {
        return tx.update(DELETE, scheduleUuid, orgId) == 1;
    }

    List<UUID> due(Tx tx, Instant now, int limit) {
        return tx.query(DUE, row -> row.getObject(1, UUID.class), now, limit);
    }

    Optional<Schedule> lockDue(Tx tx, UUID scheduleUuid, Instant now) {
        return tx.queryOne(LOCK_DUE, ScheduleStore::schedule, scheduleUuid, now);
    }

    Optional<Instant> nextDue(Tx tx) {
        return tx.queryOne(NEXT_DUE, row -> Rows.instant(row, "next_tick_at"));
    }

    void ticked(Tx tx, UUID scheduleUuid, Instant handledUpTo, Optional<Instant> nextTick, Optional<UUID> lastTask,
                Instant now) {
        tx.update(TICKED, handledUpTo, nextTick, lastTask, now, scheduleUuid);
    }

    /** Whether the task has finished (or is gone); false while it runs. */
    boolean finished(Tx tx, UUID taskUuid) {
        return tx.queryOne(TASK_FINISHED, row -> row.getBoolean(1), taskUuid).orElse(true);
    }

    List<ScheduleTick> ticks(Tx tx, String owner, int limit) {
        return tx.query(TICKS, row -> new ScheduleTick(Rows.instant(row, "tick_at"),
                CronTicks.Outcome.valueOf(row.getString("outcome").toUpperCase(java.util.Locale.ROOT)),
                Optional.ofNullable(row.getObject("task_uuid", UUID.class)), Optional.ofNullable(row.getString("error")),
                Rows.instant(row, "recorded_at")), owner, limit);
    }

    private static Schedule schedule(ResultSet row) throws SQLException {
        return new Schedule(row.getObject("schedule_uuid", UUID.class), row.getObject("org_id", UUID.class),
                row.getString("namespace_name"), row.getString("task_name"),
                Optional.ofNullable(row.getString("task_version")), CronExpression.parse(row.getString("cron")),
                row.getString("timezone"), Rows.json(row, "context"), Overlap.of(row.getString("overlap")),
                CatchUp.of(row.getString("catch_up")), row.getBoolean("paused"),
                Optional.ofNullable(Rows.instant(row, "next_tick_at")),
                Optional.ofNullable(Rows.instant(row, "handled_up_to")),
                Optional.ofNullable(row.getObject("last_task_uuid", UUID.class)),
                Optional.ofNullable(row.getString("created_by")), Rows.instant(row, "created_at"),
                Rows.instant(row, "updated_at"));
    }
}
