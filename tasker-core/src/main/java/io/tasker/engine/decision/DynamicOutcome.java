package io.tasker.engine.decision;

import io.tasker.engine.DynamicLimits;
import io.tasker.handler.BatchCursor;
import io.tasker.handler.StepResult;
import io.tasker.template.BatchConfig;
import io.tasker.template.StepTemplate;
import io.tasker.template.StepType;
import io.tasker.template.TaskTemplate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * What a decision or batchable step's result asks the engine to create, read and checked against the template
 * before the result is stored. A result that asks for something the template or the limits do not allow is not
 * stored as a success: the step fails permanently with the {@link Invalid} message.
 */
public sealed interface DynamicOutcome {

    /** Error type recorded when a decision or batch outcome is refused. */
    String INVALID_DECISION = "InvalidDecisionOutcome";
    String INVALID_BATCH = "InvalidBatchOutcome";

    /** A step with nothing to create (standard steps, batch workers, convergence steps). */
    record None() implements DynamicOutcome {
    }

    /** Create these declared steps (children of the decision) and what follows them. */
    record CreateSteps(List<String> stepNames) implements DynamicOutcome {
        public CreateSteps {
            stepNames = List.copyOf(stepNames);
        }
    }

    /** The decision takes no branch. */
    record NoBranches() implements DynamicOutcome {
    }

    /** One worker per cursor, made from {@code workerTemplate}. */
    record CreateBatches(String workerTemplate, BatchConfig config, List<BatchCursor> cursors)
            implements DynamicOutcome {
        public CreateBatches {
            cursors = List.copyOf(cursors);
        }
    }

    /** The batchable step found nothing to do. */
    record NoBatches(String workerTemplate) implements DynamicOutcome {
    }

    /** The result asks for something not allowed; {@code errorType} and {@code message} fail the step. */
    record Invalid(String errorType, String message) implements DynamicOutcome {
    }

    /** Largest step name the schema holds. */
    int MAX_STEP_NAME = 128;

    Pattern BATCH_ID = Pattern.compile("[A-Za-z0-9_]{1,32}");

    /** Reads the outcome in {@code result} of {@code step} (by its template name) of {@code template}. */
    static DynamicOutcome read(TaskTemplate template, StepTemplate step, JsonNode result, DynamicLimits limits) {
        return switch (step.type()) {
            case DECISION -> decision(template, step, result.path(StepResult.DECISION_OUTCOME), limits);
            case BATCHABLE -> batch(step, result.path(StepResult.BATCH_OUTCOME), limits);
            default -> new None();
        };
    }

    private static DynamicOutcome decision(TaskTemplate template, StepTemplate step, JsonNode outcome,
                                           DynamicLimits limits) {
        String where = "decision step '" + step.name() + "' ";
        int depth = decisionDepth(template, step.name(), new HashMap<>());
        if (depth > limits.maxDecisionDepth()) {
            return new Invalid(INVALID_DECISION, where + "is nested " + depth + " decisions deep; at most "
                    + limits.maxDecisionDepth() + " are allowed");
        }
        String type = outcome.path("type").asString("");
        if (type.equals("no_branches")) {
            return new NoBranches();
        }
        if (!type.equals("create_steps")) {
            return new Invalid(INVALID_DECISION, where + "must return " + StepResult.DECISION_OUTCOME
                    + " {\"type\": \"create_steps\", \"step_names\": [...]} or {\"type\": \"no_branches\"}");
        }
        JsonNode names = outcome.path("step_names");
        if (!names.isArray() || names.isEmpty()) {
            return new Invalid(INVALID_DECISION, where + "returned create_steps without step_names "
                    + "(use no_branches to create none)");
        }
        if (names.size() > limits.maxDecisionSteps()) {
            return new Invalid(INVALID_DECISION, where + "asked for " + names.size() + " steps; at most "
                    + limits.maxDecisionSteps() + " per decision");
        }
        List<String> stepNames = new ArrayList<>();
        for (JsonNode name : names) {
            String text = name.isString() ? name.asString() : name.toString();
            StepTemplate child = template.step(text).orElse(null);
            if (child == null) {
                return new Invalid(INVALID_DECISION, where + "asked for step '" + text
                        + "', which template " + template.key() + " does not declare");
            }
            if (!child.dependencies().contains(step.name())) {
                return new Invalid(INVALID_DECISION, where + "asked for step '" + text
                        + "', which does not depend on it");
            }
            if (child.type() == StepType.BATCH_WORKER) {
                return new Invalid(INVALID_DECISION, where + "asked for batch worker template '" + text
                        + "'; batch workers are created by batchable steps");
            }
            if (!stepNames.contains(text)) {
                stepNames.add(text);
            }
        }
        return new CreateSteps(stepNames);
    }

    private static DynamicOutcome batch(StepTemplate step, JsonNode outcome, DynamicLimits limits) {
        String where = "batchable step '" + step.name() + "' ";
        BatchConfig config = step.batchConfig().orElseThrow();
        String type = outcome.path("type").asString("");
        if (type.equals("no_batches")) {
            return new NoBatches(config.workerTemplate());
        }
        if (!type.equals("create_batches")) {
            return new Invalid(INVALID_BATCH, where + "must return " + StepResult.BATCH_OUTCOME
                    + " {\"type\": \"create_batches\", \"cursor_configs\": [...]} (or \"total_items\": N) or "
                    + "{\"type\": \"no_batches\"}");
        }
        List<BatchCursor> cursors = new ArrayList<>();
        JsonNode configs = outcome.path("cursor_configs");
        if (configs.isArray() && !configs.isEmpty()) {
            for (JsonNode json : configs) {
                BatchCursor cursor = BatchCursor.fromJson(json).orElse(null);
                if (cursor == null) {
                    return new Invalid(INVALID_BATCH, where + "returned a cursor config without a batch_id: " + json);
                }
                cursors.add(cursor);
            }
        } else if (outcome.path("total_items").canConvertToLong() && outcome.path("total_items").asLong() >= 0) {
            long total = outcome.path("total_items").asLong();
            long workers = (total + config.batchSize() - 1) / config.batchSize();
            if (workers > limits.maxBatchWorkers()) {
                return tooMany(where, workers, limits);
            }
            cursors.addAll(BatchCursor.split(total, config.batchSize()));
        }
        int count = outcome.has("worker_count") ? outcome.path("worker_count").asInt(-1) : cursors.size();
        if (count < 1 || cursors.isEmpty()) {
            return new Invalid(INVALID_BATCH, where + "asked for " + Math.max(count, 0)
                    + " batch workers; create_batches needs at least 1 (return no_batches when there is nothing "
                    + "to do)");
        }
        if (count > limits.maxBatchWorkers() || cursors.size() > limits.maxBatchWorkers()) {
            return tooMany(where, Math.max(count, cursors.size()), limits);
        }
        if (count != cursors.size()) {
            return new Invalid(INVALID_BATCH, where + "returned worker_count " + count + " but "
                    + cursors.size() + " cursor configs");
        }
        Set<String> ids = new HashSet<>();
        for (BatchCursor cursor : cursors) {
            if (!BATCH_ID.matcher(cursor.batchId()).matches()) {
                return new Invalid(INVALID_BATCH, where + "returned batch_id '" + cursor.batchId()
                        + "'; batch ids are 1 to 32 letters, digits or _");
            }
            if (!ids.add(cursor.batchId())) {
                return new Invalid(INVALID_BATCH, where + "returned batch_id '" + cursor.batchId() + "' twice");
            }
            if (workerName(config.workerTemplate(), cursor).length() > MAX_STEP_NAME) {
                return new Invalid(INVALID_BATCH, where + "worker name " + workerName(config.workerTemplate(), cursor)
                        + " is longer than " + MAX_STEP_NAME + " characters");
            }
        }
        return new CreateBatches(config.workerTemplate(), config, cursors);
    }

    private static Invalid tooMany(String where, long count, DynamicLimits limits) {
        return new Invalid(INVALID_BATCH, where + "asked for " + count + " batch workers; at most "
                + limits.maxBatchWorkers() + " per batchable step");
    }

    /** The step name of a batch worker: {@code <worker_template>_<batch_id>}. */
    static String workerName(String workerTemplate, BatchCursor cursor) {
        return workerTemplate + "_" + cursor.batchId();
    }

    /** How many decision steps lie on the deepest path from a root to {@code stepName}, itself included. */
    static int decisionDepth(TaskTemplate template, String stepName, Map<String, Integer> memo) {
        Integer known = memo.get(stepName);
        if (known != null) {
            return known;
        }
        StepTemplate step = template.step(stepName).orElse(null);
        if (step == null) {
            return 0;
        }
        memo.put(stepName, 0); // templates are acyclic; guards malformed input only
        int deepest = 0;
        for (String dependency : step.dependencies()) {
            deepest = Math.max(deepest, decisionDepth(template, dependency, memo));
        }
        int depth = deepest + (step.type() == StepType.DECISION ? 1 : 0);
        memo.put(stepName, depth);
        return depth;
    }
}
