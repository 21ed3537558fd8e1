package io.tasker.examples.approval;

import io.tasker.handler.StepContext;
import io.tasker.handler.StepHandler;
import io.tasker.handler.StepResult;
import io.tasker.handler.ValidationError;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Checks a purchase request: {@code {"amount": cents as a number, "requester": ..., "purpose": ...}}. */
public final class ValidateRequestHandler implements StepHandler {

    @Override
    public StepResult handle(StepContext context) {
        JsonNode request = context.taskContext();
        double amount = request.path("amount").asDouble(-1);
        String requester = request.path("requester").asString("");
        if (amount <= 0) {
            throw new ValidationError("amount must be a positive number");
        }
        if (requester.isBlank()) {
            throw new ValidationError("requester is required");
        }
        return StepResult.success(Map.of("amount", amount, "requester", requester,
                "purpose", request.path("purpose").asString("")));
    }
}
