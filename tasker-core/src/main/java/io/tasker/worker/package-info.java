/**
 * Running steps: claiming from the queue ({@link io.tasker.worker.StepQueue}), running handlers on virtual threads
 * with timeouts ({@link io.tasker.worker.HandlerRunner}), recording results in batched transactions
 * ({@link io.tasker.worker.ResultRecorder}), renewing leases, and the maintenance that promotes due retries and
 * recovers steps whose worker died ({@link io.tasker.worker.Maintenance}).
 */
package io.tasker.worker;
