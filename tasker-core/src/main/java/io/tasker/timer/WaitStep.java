package io.tasker.timer;

import io.tasker.handler.PermanentError;
import io.tasker.handler.StepContext;
import io.tasker.handler.StepHandler;
import io.tasker.handler.StepResult;
import io.tasker.handler.WakeOutcome;
import io.tasker.json.Json;
import io.tasker.template.BuiltInStepFields;
import io.tasker.template.ContextPath;
import io.tasker.template.StepType;
import java.time.Instant;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The {@code wait} step type: a durable timer. It parks until {@code until} (an instant, or a path to one in the
 * task's context or its dependencies' results) or for {@code duration} from when the step starts, holding no
 * worker; the scheduler completes it when the time comes, in whichever engine runs the scheduler then. Its result
 * is {@code {"waited_until": instant}}. An {@code until} already past completes at once.
 */
public final class WaitStep implements StepHandler {

    public static final String CALLABLE = StepType.WAIT.builtInCallable();
    /** The park kind of timers. */
    public static final String KIND = "timer";

    @Override
    public StepResult handle(StepContext ctx) {
        Instant now = ctx.now();
        Instant until = until(ctx.initialization(), ctx.taskContext(), ctx.dependencyResults(), now);
        JsonNode result = Json.object().put("waited_until", until.toString());
        if (!until.isAfter(now)) {
            return StepResult.success(result);
        }
        return StepResult.park(KIND, ctx.stepUuid().toString())
                .details(Map.of("until", until.toString()))
                .deadline(until, WakeOutcome.complete(result));
    }

    static Instant until(JsonNode init, JsonNode context, Map<String, JsonNode> results, Instant now) {
        if (init.has("duration")) {
            return now.plus(BuiltInStepFields.duration(init.get("duration").asString()).orElseThrow(() ->
                    new PermanentError("wait step: duration '" + init.get("duration").asString() + "' is invalid")));
        }
        String until = init.path("until").asString("");
        String value = until;
        if (until.startsWith("$.")) {
            value = ContextPath.parse(until).read(context, results).filter(JsonNode::isString)
                    .map(JsonNode::asString)
                    .orElseThrow(() -> new PermanentError("wait step: " + until + " is not set to an instant"));
        }
        String shown = value;
        return BuiltInStepFields.instant(value).orElseThrow(() -> new PermanentError("wait step: until '" + shown
                + "' is not an ISO-8601 instant such as 2030-01-01T09:00:00Z"));
    }
}
