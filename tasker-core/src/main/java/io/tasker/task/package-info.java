/**
 * Tasks as callers see them: the request that creates one ({@link io.tasker.task.TaskRequest}), what creating it
 * returns, the views the readers return (tasks, steps, audit entries, execution context), the operator's step
 * actions, and the exceptions a caller can meet (not found, duplicate, too large). Values only: no I/O here.
 */
package io.tasker.task;
