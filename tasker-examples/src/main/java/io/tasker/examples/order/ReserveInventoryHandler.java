package io.tasker.examples.order;

import io.tasker.handler.StepContext;
import io.tasker.handler.StepHandler;
import io.tasker.handler.StepResult;
import java.util.Map;

/** Reserves the validated items; the reservation id is derived from the order so a retry reserves nothing twice. */
public final class ReserveInventoryHandler implements StepHandler {

    @Override
    public StepResult handle(StepContext context) {
        long items = context.dependencyResult("validate_order").orElseThrow().path("item_count").asLong();
        String order = context.taskContext().path("order_id").asString();
        return StepResult.success(Map.of("reservation_id", "res-" + order, "reserved_items", items));
    }
}
