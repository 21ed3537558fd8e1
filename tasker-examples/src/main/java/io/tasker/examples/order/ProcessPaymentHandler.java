package io.tasker.examples.order;

import io.tasker.handler.PermanentError;
import io.tasker.handler.RetryableError;
import io.tasker.handler.StepContext;
import io.tasker.handler.StepHandler;
import io.tasker.handler.StepResult;
import java.time.Duration;
import java.util.Map;

/**
 * Charges the order total. A simulated gateway: token {@code tok_declined} is declined (permanent), token
 * {@code tok_busy} answers "busy, retry after 100 ms" on the first attempt; anything else is charged.
 */
public final class ProcessPaymentHandler implements StepHandler {

    @Override
    public StepResult handle(StepContext context) {
        String token = context.taskContext().path("payment_token").asString("");
        long total = context.dependencyResult("validate_order").orElseThrow().path("order_total").asLong();
        if (token.equals("tok_declined")) {
            throw new PermanentError("card declined");
        }
        if (token.equals("tok_busy") && context.attempt() == 1) {
            throw new RetryableError("payment gateway busy", Duration.ofMillis(100));
        }
        String order = context.taskContext().path("order_id").asString();
        return StepResult.success(Map.of("payment_id", "pay-" + order, "amount_charged", total,
                "attempt", context.attempt()));
    }
}
