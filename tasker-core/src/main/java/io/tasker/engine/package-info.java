/**
 * The engine's use cases, each one transaction under the task's row lock: create a task
 * ({@link io.tasker.engine.TaskCreator}), record attempt results and move tasks on
 * ({@link io.tasker.engine.ResultWriter}, which asks {@link io.tasker.engine.TaskEvaluator} what runs next and
 * {@link io.tasker.engine.DynamicSteps} for the steps decision and batchable outcomes create), cancel
 * ({@link io.tasker.engine.TaskCanceller}) and repair ({@link io.tasker.engine.StepOperations}). The decision itself
 * is pure and lives in {@code engine.decision}; the SQL lives in {@code engine.store}.
 */
package io.tasker.engine;
