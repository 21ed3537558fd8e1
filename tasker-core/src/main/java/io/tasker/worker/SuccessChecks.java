package io.tasker.worker;

import io.tasker.engine.DynamicLimits;
import io.tasker.engine.decision.DynamicOutcome;
import io.tasker.json.Json;
import io.tasker.json.StorableJson;
import io.tasker.template.RegisteredTemplate;
import io.tasker.template.TemplateRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What a success must satisfy before it is stored, for Java handlers and external workers alike: a result within
 * the size limit that PostgreSQL can store ({@link StorableJson}), and for decision and batchable steps an outcome
 * the template and the limits allow. A success that
 * fails a check becomes a permanent failure saying why.
 */
final class SuccessChecks {

    private final TemplateRegistry templates;
    private final int maxResultBytes;
    private final DynamicLimits limits;

    SuccessChecks(TemplateRegistry templates, int maxResultBytes, DynamicLimits limits) {
        this.templates = templates;
        this.maxResultBytes = maxResultBytes;
        this.limits = limits;
    }

    /** The outcome's own problem is reported before the size, as the more telling of the two. */
    StepOutcome check(StepOutcome.Succeeded success) {
        StepClaim claim = success.claim();
        RegisteredTemplate template = templates.get(claim.namedTaskUuid());
        Optional<DynamicOutcome> outcome = template.template().step(claim.templateStepName())
                .map(step -> DynamicOutcome.read(template.template(), step, success.result(), limits));
        if (outcome.isPresent() && outcome.get() instanceof DynamicOutcome.Invalid invalid) {
            return permanent(success, invalid.errorType(), invalid.message());
        }
        Optional<StorableJson.Problem> unstorable = StorableJson.problem(success.result(), "result");
        if (unstorable.isPresent()) {
            // Storing it would fail on every attempt, the lease would expire and the step run again: fail it now.
            return permanent(success, "ResultNotStorable", unstorable.get().message());
        }
        int size = Json.write(success.result()).getBytes(StandardCharsets.UTF_8).length;
        if (size > maxResultBytes) {
            return permanent(success, "ResultTooLarge", "result of " + size + " bytes exceeds the limit of "
                    + maxResultBytes + " bytes");
        }
        return success;
    }

    private static StepOutcome.Failed permanent(StepOutcome.Succeeded success, String type, String message) {
        return new StepOutcome.Failed(success.claim(), type, message, false, Optional.empty(), success.duration());
    }
}
