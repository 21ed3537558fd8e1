/**
 * Human and agent steps in workflows: the {@code board} step handler creates a board task and parks its step until
 * the task is completed or cancelled ({@link io.tasker.board.workflow.WorkflowSteps} keeps both sides in step).
 */
package io.tasker.board.workflow;
