package io.tasker.examples.order;

import io.tasker.handler.StepContext;
import io.tasker.handler.StepHandler;
import io.tasker.handler.StepResult;
import io.tasker.handler.ValidationError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Checks the order's items and prices them: {@code {"order_total": cents, "item_count": n, "skus": [...]}}. */
public final class ValidateOrderHandler implements StepHandler {

    @Override
    public StepResult handle(StepContext context) {
        JsonNode items = context.taskContext().path("items");
        if (!items.isArray() || items.isEmpty()) {
            throw new ValidationError("an order needs at least one item");
        }
        long total = 0;
        int count = 0;
        List<String> skus = new ArrayList<>();
        for (JsonNode item : items) {
            long quantity = item.path("quantity").asLong(0);
            long price = item.path("price_cents").asLong(-1);
            if (quantity <= 0 || price < 0) {
                throw new ValidationError("item " + item.path("sku").asString("?") + " needs a positive quantity"
                        + " and a price");
            }
            total += quantity * price;
            count += (int) quantity;
            skus.add(item.path("sku").asString());
        }
        return StepResult.success(Map.of("order_total", total, "item_count", count, "skus", skus));
    }
}
