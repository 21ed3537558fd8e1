/**
 * Analytics, the read side for operators: how the system performed over a window of time (tasks created, completed
 * and failed, throughput, durations with percentiles), how it stands now (tasks and steps by state, the queue, the
 * dead letter queue), and where it is slow or keeps failing. {@link io.tasker.analytics.Analytics} calls the
 * {@code tasker.get_*_v01} SQL functions and returns records; nothing here writes.
 */
package io.tasker.analytics;
