/**
 * The SQL of the engine, one class per purpose: the task lock and snapshots ({@link
 * io.tasker.engine.store.TaskStateStore}), state transitions ({@link io.tasker.engine.store.TransitionWriter}),
 * attempt results fenced by their lease ({@link io.tasker.engine.store.StepResultStore}), new steps
 * ({@link io.tasker.engine.store.StepInserts}), notifications, and the read side callers use
 * ({@link io.tasker.engine.store.TaskReader}, {@link io.tasker.engine.store.TaskQueries}).
 */
package io.tasker.engine.store;
