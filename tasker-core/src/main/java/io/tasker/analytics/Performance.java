package io.tasker.analytics;

/** What {@code GET /v1/analytics/performance} reports: a window's figures and the system's state now. */
public record Performance(PeriodMetrics period, SystemHealth health) {
}
