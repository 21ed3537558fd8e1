package io.tasker.examples.order;

import io.tasker.handler.StepContext;
import io.tasker.handler.StepHandler;
import io.tasker.handler.StepResult;
import java.util.Map;

/** Ships the paid order; uses the reservation and payment results from earlier steps. */
public final class ShipOrderHandler implements StepHandler {

    @Override
    public StepResult handle(StepContext context) {
        String reservation = context.dependencyResult("reserve_inventory").orElseThrow()
                .path("reservation_id").asString();
        String payment = context.dependencyResult("process_payment").orElseThrow().path("payment_id").asString();
        String order = context.taskContext().path("order_id").asString();
        return StepResult.success(Map.of("tracking_number", "trk-" + order, "reservation_id", reservation,
                "payment_id", payment));
    }
}
