package io.tasker.analytics;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * Performance over a window ({@code tasker.get_analytics_metrics_v01}). Task figures are about the tasks created in
 * the window, in the state they are in now; step figures are about the step results recorded in the window.
 *
 * @param activeTasks        tasks in a non-terminal state now (all tasks, not only the window's)
 * @param namespaces         namespaces with tasks created in the window
 * @param taskTypes          templates (namespace and name, any version) with tasks created in the window
 * @param systemHealthScore  completed / (completed + failed), 3 decimals; 1 when none has finished
 * @param completionRate     completed tasks in percent of those created, 2 decimals
 * @param errorRate          failed ({@code error}) tasks in percent of those created, 2 decimals
 * @param taskDurations      created to completed, of the completed tasks; empty when none completed
 * @param stepResults        results recorded: attempt outcomes and operators' completions
 * @param stepDurations      the handlers' execution times of the attempts; empty when none was measured
 */
public record PeriodMetrics(
        TimeWindow window,
        long activeTasks,
        long namespaces,
        long taskTypes,
        BigDecimal systemHealthScore,
        long tasksCreated,
        long tasksCompleted,
        long tasksFailed,
        BigDecimal completionRate,
        BigDecimal errorRate,
        BigDecimal tasksPerHour,
        Optional<DurationStats> taskDurations,
        long stepResults,
        BigDecimal stepResultsPerHour,
        Optional<DurationStats> stepDurations) {
}
