package io.tasker.template;

import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * A per-environment change to a step ({@code environments.<env>.steps[]}); {@code stepName} {@value #ALL} applies
 * to every step. Initialization keys are merged over the step's (override wins); timeout and retry replace.
 */
public record StepOverride(String stepName, Optional<ObjectNode> initialization, Optional<Integer> timeoutSeconds,
                           Optional<RetryPolicy> retry) {

    public static final String ALL = "ALL";
}
