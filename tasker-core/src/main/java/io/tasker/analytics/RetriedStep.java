package io.tasker.analytics;

import io.tasker.template.TemplateKey;
import java.time.Instant;
import java.util.Optional;

/**
 * A step of a template that keeps failing or being retried ({@code tasker.get_most_retried_steps_v01}), among its
 * steps with a result recorded in the window.
 *
 * @param steps          those steps
 * @param retriedSteps   how many of them took more than one attempt
 * @param failedAttempts failed attempts recorded in the window
 * @param totalAttempts  the attempts of those steps so far
 * @param highestAttempt the most attempts one of them took
 * @param errorSteps     how many of them are in {@code error} now
 */
public record RetriedStep(TemplateKey template, String stepName, long steps, long retriedSteps, long failedAttempts,
                          long totalAttempts, int highestAttempt, long errorSteps, Optional<Instant> lastFailureAt) {
}
