package io.tasker.signal;

import io.tasker.handler.StepContext;
import io.tasker.handler.StepHandler;
import io.tasker.handler.StepResult;
import io.tasker.handler.WakeOutcome;
import io.tasker.json.Json;
import io.tasker.template.BuiltInStepFields;
import io.tasker.template.StepType;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code signal} step type: waits, holding no worker, for the signal of its name sent to its task
 * ({@link Signals#send}); the signal's JSON payload becomes the step's result. A signal sent before the step is
 * reached was kept and completes it at once. With a {@code timeout}, the step fails with {@code SignalTimeout}
 * when none came in time, or with {@code on_timeout: continue} completes with {@code {"timed_out": true}} so that
 * a later decision step can take another branch.
 */
public final class SignalStep implements StepHandler {

    public static final String CALLABLE = StepType.SIGNAL.builtInCallable();
    /** The park kind of signals; the key is the signal's name. */
    public static final String KIND = "signal";

    @Override
    public StepResult handle(StepContext ctx) {
        String name = ctx.initialization().path("signal").asString(ctx.stepName());
        Optional<Duration> timeout = BuiltInStepFields.duration(ctx.initialization().path("timeout").asString(""));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("signal", name);
        timeout.ifPresent(t -> details.put("timeout", t.toString()));
        StepResult.Park park = StepResult.park(KIND, name).details(details);
        if (timeout.isEmpty()) {
            return park;
        }
        WakeOutcome onTimeout = "continue".equals(ctx.initialization().path("on_timeout").asString("fail"))
                ? WakeOutcome.complete(Json.object().put("timed_out", true).put("signal", name))
                : WakeOutcome.fail("SignalTimeout", "no signal '" + name + "' arrived within " + timeout.get(), false);
        return park.deadline(ctx.now().plus(timeout.get()), onTimeout);
    }
}
