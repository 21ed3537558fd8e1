package io.tasker.examples;

import io.tasker.handler.StepContext;
import io.tasker.handler.StepHandler;
import io.tasker.handler.StepResult;
import io.tasker.handler.ValidationError;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Arithmetic on the results of other steps, configured by the step's {@code initialization}:
 * {@code operation} is {@code square}, {@code add} or {@code multiply}; {@code inputs} names the steps whose
 * {@code value} it uses (none: the task's {@code even_number}); {@code operand} is added by {@code add}.
 * Returns {@code {"value": n, "operation": ..., "inputs": [...]}}.
 */
public final class MathStepHandler implements StepHandler {

    @Override
    public StepResult handle(StepContext context) {
        JsonNode init = context.initialization();
        String operation = init.path("operation").asString("square");
        long[] values = inputs(context, init.path("inputs"));
        long value = switch (operation) {
            case "square" -> Math.multiplyExact(values[0], values[0]);
            case "add" -> {
                long sum = init.path("operand").asLong(0);
                for (long v : values) {
                    sum = Math.addExact(sum, v);
                }
                yield sum;
            }
            case "multiply" -> {
                long product = 1;
                for (long v : values) {
                    product = Math.multiplyExact(product, v);
                }
                yield product;
            }
            default -> throw new ValidationError("unknown operation '" + operation + "'");
        };
        return StepResult.success(Map.of("value", value, "operation", operation));
    }

    private static long[] inputs(StepContext context, JsonNode names) {
        if (!names.isArray() || names.isEmpty()) {
            JsonNode number = context.taskContext().path("even_number");
            if (!number.isIntegralNumber()) {
                throw new ValidationError("context.even_number must be an integer");
            }
            return new long[] {number.asLong()};
        }
        long[] values = new long[names.size()];
        for (int i = 0; i < names.size(); i++) {
            String step = names.get(i).asString();
            values[i] = context.dependencyResult(step)
                    .orElseThrow(() -> new ValidationError("no result from step '" + step + "'"))
                    .path("value").asLong();
        }
        return values;
    }
}
