package io.tasker.analytics;

import io.tasker.template.TemplateKey;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/**
 * A step of a template whose handler runs long ({@code tasker.get_slowest_steps_v01}), from the attempts recorded
 * in the window.
 *
 * @param errors    failed attempts
 * @param errorRate failed attempts in percent of all, 2 decimals
 */
public record SlowStep(TemplateKey template, String stepName, long executions, Duration average, Duration p95,
                       Duration max, long errors, BigDecimal errorRate, Instant lastExecutedAt) {
}
