package io.tasker.examples.approval;

import io.tasker.handler.StepContext;
import io.tasker.handler.StepHandler;
import io.tasker.handler.StepResult;
import java.util.List;

/**
 * The decision: below {@code auto_approve_below} (default 1,000) the request is approved automatically; below
 * {@code manager_only_below} (default 5,000) a manager approves; above, a manager and finance.
 */
public final class RoutingDecisionHandler implements StepHandler {

    @Override
    public StepResult handle(StepContext context) {
        double amount = context.dependencyResult("validate_request").orElseThrow().path("amount").asDouble();
        double autoBelow = context.initialization().path("auto_approve_below").asDouble(1_000);
        double managerBelow = context.initialization().path("manager_only_below").asDouble(5_000);
        if (amount < autoBelow) {
            return StepResult.createSteps(List.of("auto_approve"));
        }
        if (amount < managerBelow) {
            return StepResult.createSteps(List.of("manager_approval"));
        }
        return StepResult.createSteps(List.of("manager_approval", "finance_review"));
    }
}
