/**
 * The scheduler's periodic work, safe with any number of processes: {@link io.tasker.scheduler.Maintenance} enqueues
 * steps whose retry is due and recovers steps whose lease expired (their worker died); on slower intervals it finds
 * stale tasks ({@link io.tasker.scheduler.StalenessDetector}), removes old finished ones
 * ({@link io.tasker.scheduler.Retention}) and keeps the planner statistics fresh
 * ({@link io.tasker.scheduler.StatisticsKeeper}). The server runs it in the {@code scheduler} role.
 */
package io.tasker.scheduler;
