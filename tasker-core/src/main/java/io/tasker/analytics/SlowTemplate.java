package io.tasker.analytics;

import io.tasker.template.TemplateKey;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/**
 * A template whose tasks take long to complete ({@code tasker.get_slowest_tasks_v01}), from its tasks created in the
 * window. Durations run from a task's creation to its completion, over the completed tasks only.
 *
 * @param tasks     tasks created in the window
 * @param errorRate failed tasks in percent of those created, 2 decimals
 */
public record SlowTemplate(TemplateKey template, long tasks, long completed, long failed, BigDecimal errorRate,
                           Duration average, Duration p95, Duration max, BigDecimal averageStepCount,
                           Instant lastCompletedAt) {
}
