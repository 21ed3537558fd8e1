/**
 * The SQL of the engine, one class per purpose: the task lock and snapshots ({@link
 * io.tasker.engine.store.TaskStateStore}), every state change of a task or step, with the step columns that go with
 * it ({@link io.tasker.engine.store.TransitionWriter}, {@link io.tasker.engine.store.StepChange}), new steps
 * ({@link io.tasker.engine.store.StepInserts}), notifications, and the read side callers use
 * ({@link io.tasker.engine.store.TaskReader}, {@link io.tasker.engine.store.TaskQueries}).
 */
package io.tasker.engine.store;
