package io.tasker.task;

import java.math.BigDecimal;

/** A task's step counts and execution status ({@code tasker.get_task_execution_context}). */
public record ExecutionContext(long totalSteps, long pendingSteps, long enqueuedSteps, long inProgressSteps,
                               long completedSteps, long failedSteps, long readySteps, String executionStatus,
                               String recommendedAction, BigDecimal completionPercentage, String healthStatus) {
}
