package io.tasker.examples.approval;

import io.tasker.handler.StepContext;
import io.tasker.handler.StepHandler;
import io.tasker.handler.StepResult;
import java.util.Map;

/**
 * One approval, by the role in the step's {@code initialization.role} ({@code system}, {@code manager},
 * {@code finance}). A real handler would ask a person or a policy service; this one approves.
 */
public final class ApprovalHandler implements StepHandler {

    @Override
    public StepResult handle(StepContext context) {
        String role = context.initialization().path("role").asString("system");
        double amount = context.dependencyResult("validate_request").orElseThrow().path("amount").asDouble();
        return StepResult.success(Map.of("approved", true, "approver", role, "amount", amount));
    }
}
