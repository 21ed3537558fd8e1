package io.tasker.examples;

import io.tasker.handler.RetryableError;
import io.tasker.handler.StepContext;
import io.tasker.handler.StepHandler;
import io.tasker.handler.StepResult;
import java.util.Map;

/**
 * Fails with a retryable error until attempt {@code initialization.succeed_on_attempt} (default 3), then succeeds:
 * the "retry then succeed" shape. With {@code succeed_on_attempt: 0} it never succeeds ("retry exhaustion").
 */
public final class FlakyHandler implements StepHandler {

    @Override
    public StepResult handle(StepContext context) {
        int succeedOn = context.initialization().path("succeed_on_attempt").asInt(3);
        if (succeedOn <= 0 || context.attempt() < succeedOn) {
            throw new RetryableError("simulated failure on attempt " + context.attempt());
        }
        return StepResult.success(Map.of("succeeded_on_attempt", context.attempt()));
    }
}
