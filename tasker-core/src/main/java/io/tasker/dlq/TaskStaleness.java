package io.tasker.dlq;

import io.tasker.state.TaskState;
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

    public boolean isStale() {
        return "stale".equals(health);
    }
}
