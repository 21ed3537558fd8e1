package io.tasker.server.api;

import io.tasker.analytics.Bottlenecks;
import io.tasker.analytics.DurationStats;
import io.tasker.analytics.Performance;
import io.tasker.analytics.PeriodMetrics;
import io.tasker.analytics.RetriedStep;
import io.tasker.analytics.SlowStep;
import io.tasker.analytics.SlowTemplate;
import io.tasker.analytics.SystemHealth;
import io.tasker.analytics.TimeWindow;
import io.tasker.json.Json;
import io.tasker.template.TemplateKey;
import java.time.Duration;
import java.util.Optional;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON shapes of {@code /v1/analytics} (see docs/api.md). Times are ISO-8601 as in {@link Views}; durations are
 * whole milliseconds in fields ending {@code _ms}; rates are percentages with two decimals.
 */
final class AnalyticsViews {

    private AnalyticsViews() {
    }

    static ObjectNode performance(Performance performance) {
        PeriodMetrics period = performance.period();
        ObjectNode json = Json.object();
        json.set("window", window(period.window()));
        ObjectNode figures = json.putObject("period");
        figures.put("tasks_created", period.tasksCreated());
        figures.put("tasks_completed", period.tasksCompleted());
        figures.put("tasks_failed", period.tasksFailed());
        figures.put("completion_rate", period.completionRate());
        figures.put("error_rate", period.errorRate());
        figures.put("tasks_per_hour", period.tasksPerHour());
        durations(figures, "task_duration_ms", period.taskDurations());
        figures.put("step_results", period.stepResults());
        figures.put("steps_per_hour", period.stepResultsPerHour());
        durations(figures, "step_duration_ms", period.stepDurations());
        figures.put("namespaces", period.namespaces());
        figures.put("task_types", period.taskTypes());
        figures.put("active_tasks", period.activeTasks());
        figures.put("system_health_score", period.systemHealthScore());
        json.set("health", health(performance.health()));
        return json;
    }

    static ObjectNode bottlenecks(Bottlenecks bottlenecks) {
        ObjectNode json = Json.object();
        json.set("window", window(bottlenecks.window()));
        ArrayNode slowSteps = json.putArray("slow_steps");
        bottlenecks.slowSteps().forEach(step -> slowSteps.add(slowStep(step)));
        ArrayNode slowTemplates = json.putArray("slow_templates");
        bottlenecks.slowTemplates().forEach(template -> slowTemplates.add(slowTemplate(template)));
        ArrayNode retriedSteps = json.putArray("retried_steps");
        bottlenecks.retriedSteps().forEach(step -> retriedSteps.add(retriedStep(step)));
        return json;
    }

    private static ObjectNode health(SystemHealth health) {
        ObjectNode json = Json.object();
        ObjectNode tasks = json.putObject("tasks_by_state");
        health.tasksByState().forEach((state, count) -> tasks.put(state.dbValue(), count));
        json.put("total_tasks", health.totalTasks());
        ObjectNode steps = json.putObject("steps_by_state");
        health.stepsByState().forEach((state, count) -> steps.put(state.dbValue(), count));
        json.put("total_steps", health.totalSteps());
        json.put("ready_steps", health.readySteps());
        json.put("in_flight_steps", health.inFlightSteps());
        json.put("exhausted_retry_steps", health.exhaustedRetrySteps());
        json.put("dlq_depth", health.dlqDepth());
        if (health.oldestPendingStepEnqueuedAt().isPresent()) {
            ObjectNode oldest = json.putObject("oldest_pending_step");
            oldest.put("enqueued_at", Views.time(health.oldestPendingStepEnqueuedAt().get()));
            oldest.put("age_ms", health.oldestPendingStepAge().map(Duration::toMillis).orElse(0L));
        } else {
            json.putNull("oldest_pending_step");
        }
        json.put("calculated_at", Views.time(health.calculatedAt()));
        return json;
    }

    private static ObjectNode slowStep(SlowStep step) {
        ObjectNode json = template(step.template());
        json.put("step_name", step.stepName());
        json.put("executions", step.executions());
        millis(json, "avg_duration_ms", step.average());
        millis(json, "p95_duration_ms", step.p95());
        millis(json, "max_duration_ms", step.max());
        json.put("errors", step.errors());
        json.put("error_rate", step.errorRate());
        json.put("last_executed_at", Views.time(step.lastExecutedAt()));
        return json;
    }

    private static ObjectNode slowTemplate(SlowTemplate template) {
        ObjectNode json = template(template.template());
        json.put("tasks", template.tasks());
        json.put("completed", template.completed());
        json.put("failed", template.failed());
        json.put("error_rate", template.errorRate());
        millis(json, "avg_duration_ms", template.average());
        millis(json, "p95_duration_ms", template.p95());
        millis(json, "max_duration_ms", template.max());
        json.put("avg_step_count", template.averageStepCount());
        json.put("last_completed_at", Views.time(template.lastCompletedAt()));
        return json;
    }

    private static ObjectNode retriedStep(RetriedStep step) {
        ObjectNode json = template(step.template());
        json.put("step_name", step.stepName());
        json.put("steps", step.steps());
        json.put("retried_steps", step.retriedSteps());
        json.put("failed_attempts", step.failedAttempts());
        json.put("total_attempts", step.totalAttempts());
        json.put("highest_attempt", step.highestAttempt());
        json.put("error_steps", step.errorSteps());
        json.put("last_failure_at", Views.time(step.lastFailureAt().orElse(null)));
        return json;
    }

    private static ObjectNode window(TimeWindow window) {
        ObjectNode json = Json.object();
        json.put("since", Views.time(window.since()));
        json.put("until", Views.time(window.until()));
        return json;
    }

    private static ObjectNode template(TemplateKey key) {
        ObjectNode json = Json.object();
        json.put("namespace", key.namespace());
        json.put("name", key.name());
        json.put("version", key.version());
        return json;
    }

    /** {@code {"avg", "p50", "p95", "p99"}} in milliseconds, or null when nothing was measured. */
    private static void durations(ObjectNode json, String field, Optional<DurationStats> stats) {
        if (stats.isEmpty()) {
            json.putNull(field);
            return;
        }
        ObjectNode ms = json.putObject(field);
        millis(ms, "avg", stats.get().average());
        millis(ms, "p50", stats.get().p50());
        millis(ms, "p95", stats.get().p95());
        millis(ms, "p99", stats.get().p99());
    }

    private static void millis(ObjectNode json, String field, Duration value) {
        if (value == null) {
            json.putNull(field);
        } else {
            json.put(field, value.toMillis());
        }
    }
}
