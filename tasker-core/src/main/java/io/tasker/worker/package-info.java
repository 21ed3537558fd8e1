/**
 * Claiming and running steps: claiming from the queue ({@link io.tasker.worker.StepQueue}), running handlers on
 * virtual threads with timeouts ({@link io.tasker.worker.HandlerRunner}), renewing leases, and handing outcomes to
 * {@link io.tasker.worker.ResultRecorder}, which commits them in batches through the engine's
 * {@link io.tasker.engine.ResultWriter}. {@link io.tasker.worker.ExternalWorkers} is the same for workers outside
 * the process (the worker API).
 */
package io.tasker.worker;
