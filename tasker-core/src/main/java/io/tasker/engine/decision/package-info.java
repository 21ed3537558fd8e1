/**
 * The orchestration decision as pure functions, with no I/O: given a snapshot of a task,
 * {@link io.tasker.engine.decision.TaskDecider} says which steps to enqueue and where the task goes next;
 * {@link io.tasker.engine.decision.DynamicOutcome} and {@link io.tasker.engine.decision.StepExpansion} say which
 * steps a decision or batchable step's result creates. Tested without a database.
 */
package io.tasker.engine.decision;
