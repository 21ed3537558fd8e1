package io.tasker.analytics;

import io.tasker.state.StepState;
import io.tasker.state.TaskState;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * How the system stands at {@code calculatedAt} ({@code tasker.get_system_health_counts_v01}).
 *
 * @param tasksByState               every task state, in the state machine's order, with its count
 * @param stepsByState               every step state, in the state machine's order, with its count
 * @param exhaustedRetrySteps        steps in {@code error} that used all their attempts
 * @param readySteps                 enqueued steps, waiting for a worker
 * @param inFlightSteps              steps a worker is running ({@code in_progress})
 * @param dlqDepth                   dead letter queue entries still pending investigation
 * @param oldestPendingStepEnqueuedAt when the longest-waiting enqueued step became claimable; empty when none waits
 * @param oldestPendingStepAge       how long it has waited
 */
public record SystemHealth(
        Map<TaskState, Long> tasksByState,
        long totalTasks,
        Map<StepState, Long> stepsByState,
        long totalSteps,
        long exhaustedRetrySteps,
        long readySteps,
        long inFlightSteps,
        long dlqDepth,
        Optional<Instant> oldestPendingStepEnqueuedAt,
        Optional<Duration> oldestPendingStepAge,
        Instant calculatedAt) {

    public SystemHealth {
        tasksByState = Collections.unmodifiableMap(new EnumMap<>(tasksByState));
        stepsByState = Collections.unmodifiableMap(new EnumMap<>(stepsByState));
    }
}
