package io.tasker.subtask;

import io.tasker.handler.PermanentError;
import io.tasker.handler.StepContext;
import io.tasker.handler.StepHandler;
import io.tasker.handler.StepResult;
import io.tasker.handler.WakeOutcome;
import io.tasker.json.Json;
import io.tasker.task.TaskRequest;
import io.tasker.template.ContextPath;
import io.tasker.template.StepType;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code subtask} step type: starts a task of another template (a child workflow) whose input is built from
 * this task's context and its dependencies' results, then waits for it without holding a worker. The step
 * completes with the child's result when the child completes, and fails ({@code SubtaskFailed},
 * {@code SubtaskCancelled}) when it does not; cancelling this task cancels the child. The child carries this
 * task's correlation id as its {@code parent_correlation_id}. One child per attempt: its idempotency key is
 * {@code subtask:<step uuid>:<attempt>}, so a re-run of the same attempt finds the child it started.
 */
public final class SubtaskStep implements StepHandler {

    public static final String CALLABLE = StepType.SUBTASK.builtInCallable();
    /** The park kind of subtasks; the key is the child task's uuid. */
    public static final String KIND = "subtask";

    private final Function<TaskRequest, UUID> start;
    private final Function<UUID, Optional<WakeOutcome>> finished;

    /**
     * @param start    creates the child task, or finds the one created before for the same idempotency key
     * @param finished how the child ended, once it has ended
     */
    public SubtaskStep(Function<TaskRequest, UUID> start, Function<UUID, Optional<WakeOutcome>> finished) {
        this.start = start;
        this.finished = finished;
    }

    @Override
    public StepResult handle(StepContext ctx) {
        JsonNode init = ctx.initialization();
        TaskRequest.Builder request = TaskRequest.of(init.path("namespace").asString(), init.path("name").asString())
                .context(input(init.path("context"), ctx.taskContext(), ctx.dependencyResults()))
                .parentCorrelationId(ctx.correlationId())
                .initiator(KIND + ":" + ctx.stepUuid())
                .sourceSystem("tasker-subtask")
                .reason("subtask of step " + ctx.stepName())
                .idempotencyKey(KIND + ":" + ctx.stepUuid() + ":" + ctx.attempt());
        if (init.hasNonNull("version")) {
            request.version(init.get("version").asString());
        }
        UUID child = start.apply(request.build());
        Optional<WakeOutcome> ended = finished.apply(child);
        if (ended.isPresent()) {
            return switch (ended.get()) {
                case WakeOutcome.Complete complete -> StepResult.success(complete.result());
                case WakeOutcome.Fail fail -> StepResult.permanentFailure(fail.message());
            };
        }
        return StepResult.park(KIND, child.toString()).details(Map.of("child_task_uuid", child.toString(),
                "namespace", init.path("namespace").asString(), "name", init.path("name").asString()));
    }

    /** The child's input: the template's {@code context} with every path replaced by the value it points at. */
    static JsonNode input(JsonNode template, JsonNode context, Map<String, JsonNode> results) {
        if (ContextPath.looksLikePath(template)) {
            ContextPath path = ContextPath.parse(template.asString());
            return path.read(context, results).orElseThrow(() -> new PermanentError("subtask input: " + path
                    + " has no value in this task"));
        }
        if (template.isObject()) {
            ObjectNode built = Json.object();
            template.properties().forEach(field -> built.set(field.getKey(), input(field.getValue(), context,
                    results)));
            return built;
        }
        if (template.isArray()) {
            ArrayNode built = Json.MAPPER.createArrayNode();
            template.forEach(item -> built.add(input(item, context, results)));
            return built;
        }
        return template.isMissingNode() ? Json.object() : template;
    }
}
