package io.tasker.analytics;

/**
 * The step queue now: steps ready to be claimed ({@code enqueued}), running under a lease ({@code in_progress}) and
 * waiting for a retry ({@code waiting_for_retry}).
 */
public record QueueDepths(long readySteps, long activeLeases, long retryingSteps) {
}
