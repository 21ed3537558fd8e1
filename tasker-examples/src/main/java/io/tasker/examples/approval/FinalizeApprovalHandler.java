package io.tasker.examples.approval;

import io.tasker.handler.StepContext;
import io.tasker.handler.StepHandler;
import io.tasker.handler.StepResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The deferred convergence: runs after whichever approvals the decision created, and approves the request when all
 * of them did: {@code {"approved": bool, "approvers": [...]}}.
 */
public final class FinalizeApprovalHandler implements StepHandler {

    private static final List<String> APPROVAL_STEPS = List.of("auto_approve", "manager_approval", "finance_review");

    @Override
    public StepResult handle(StepContext context) {
        List<String> approvers = new ArrayList<>();
        boolean approved = true;
        for (String step : APPROVAL_STEPS) {
            JsonNode approval = context.dependencyResults().get(step);
            if (approval != null) {
                approvers.add(approval.path("approver").asString());
                approved &= approval.path("approved").asBoolean(false);
            }
        }
        return StepResult.success(Map.of("approved", approved && !approvers.isEmpty(), "approvers", approvers));
    }
}
