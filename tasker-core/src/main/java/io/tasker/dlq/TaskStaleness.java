package io.tasker.dlq;

import io.tasker.state.TaskState;
import io.tasker.store.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/**
 * How long an unfinished task has been in its state and alive, against its template's lifecycle limits
 * ({@code tasker.task_staleness}).
 *
 * @param stalenessPercent the larger of time in state / threshold and age / max duration, in percent
 * @param health           {@code healthy} (below 80 %), {@code warning} (below 100 %) or {@code stale}
 * @param stalenessAction  the template's {@code lifecycle.staleness_action}: dlq, error or none
 */
public record TaskStaleness(UUID taskUuid, String namespace, String taskName, String taskVersion, TaskState state,
                            Instant stateEnteredAt, double minutesInState, int thresholdMinutes,
                            double taskAgeMinutes, int maxDurationMinutes, double stalenessPercent, String health,
                            String stalenessAction, int priority) {

    /** Reads a row of {@code tasker.task_staleness(...)}. */
    public static TaskStaleness read(ResultSet row) throws SQLException {
        return new TaskStaleness(row.getObject("task_uuid", UUID.class), row.getString("namespace_name"),
                row.getString("task_name"), row.getString("task_version"),
                TaskState.fromDb(row.getString("current_state")), Rows.instant(row, "state_entered_at"),
                row.getDouble("minutes_in_state"), row.getInt("threshold_minutes"), row.getDouble("task_age_minutes"),
                row.getInt("max_duration_minutes"), row.getDouble("staleness_percent"),
                row.getString("health_status"), row.getString("staleness_action"), row.getInt("priority"));
    }

    public boolean isStale() {
        return "stale".equals(health);
    }
}
