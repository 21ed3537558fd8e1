package io.tasker.analytics;

import java.time.Duration;

/**
 * How long things took, to the millisecond: the mean and three percentiles. Percentiles are nearest-rank
 * ({@code percentile_disc}): p95 is the shortest observed duration that at least 95% of the sample did not exceed.
 */
public record DurationStats(Duration average, Duration p50, Duration p95, Duration p99) {
}
