package io.tasker.worker;

import io.tasker.engine.EngineEvents;
import io.tasker.engine.HandlerRegistry;
import io.tasker.handler.PermanentError;
import io.tasker.handler.RetryableError;
import io.tasker.handler.StepHandler;
import io.tasker.handler.StepResult;
import io.tasker.template.RegisteredTemplate;
import io.tasker.template.StepTemplate;
import io.tasker.template.TemplateRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs one claimed attempt on a virtual thread: finds the handler, builds its context, enforces the step's
 * {@code timeout_seconds} (interrupting the handler), and turns whatever happens into exactly one
 * {@link StepOutcome}.
 */
final class HandlerRunner {

    private static final Logger log = LoggerFactory.getLogger(HandlerRunner.class);

    private final HandlerRegistry handlers;
    private final TemplateRegistry templates;
    private final LeaseStore leases;
    private final ScheduledExecutorService timers;
    private final Consumer<StepOutcome> outcomes;
    private final Clock clock;
    private final EngineEvents events;
    private final SuccessChecks checks;

    HandlerRunner(HandlerRegistry handlers, TemplateRegistry templates, LeaseStore leases,
                  ScheduledExecutorService timers, Consumer<StepOutcome> outcomes, Clock clock, EngineEvents events,
                  SuccessChecks checks) {
        this.handlers = handlers;
        this.templates = templates;
        this.leases = leases;
        this.timers = timers;
        this.outcomes = outcomes;
        this.clock = clock;
        this.events = events;
        this.checks = checks;
    }

    /** Starts the attempt; {@code onSettled} runs once when its outcome is decided (its slot can be reused). */
    void start(RunningStep running, Runnable onSettled) {
        StepClaim claim = running.claim();
        if (claim.enqueuedAt() != null) {
            events.stepStarted(claim.namespace(), Duration.between(claim.enqueuedAt(), clock.instant()));
        }
        Thread thread = Thread.ofVirtual().name("step-" + claim.stepName() + "-" + claim.stepUuid())
                .unstarted(() -> run(running, onSettled));
        running.attach(thread);
        thread.start();
    }

    private void run(RunningStep running, Runnable onSettled) {
        StepClaim claim = running.claim();
        MDC.put("task_uuid", claim.taskUuid().toString());
        MDC.put("step_uuid", claim.stepUuid().toString());
        if (claim.correlationId() != null) {
            MDC.put("correlation_id", claim.correlationId().toString());
        }
        if (claim.parentCorrelationId() != null) {
            MDC.put("parent_correlation_id", claim.parentCorrelationId().toString());
        }
        long started = System.nanoTime();
        try {
            Optional<Prepared> prepared = prepare(claim);
            if (prepared.isEmpty()) {
                settle(running, onSettled, failed(claim, "HandlerNotFound", "no handler for step '"
                        + claim.stepName() + "' in this process", false, Optional.empty(), started));
                return;
            }
            StepTemplate step = prepared.get().step();
            Optional<ScheduledFuture<?>> timeout = step.timeoutSeconds().map(seconds -> timers.schedule(() -> {
                if (settle(running, onSettled, failed(claim, "TimeoutError", "step ran longer than its timeout of "
                        + seconds + "s", true, Optional.empty(), started))) {
                    running.interrupt();
                }
            }, seconds, TimeUnit.SECONDS));
            StepOutcome outcome;
            try {
                ClaimContext context = new ClaimContext(claim, prepared.get().template().key(), step, leases,
                        clock);
                StepResult result = prepared.get().handler().handle(context);
                outcome = toOutcome(claim, result, started);
            } catch (PermanentError e) {
                outcome = failed(claim, e.errorType(), message(e), false, Optional.empty(), started);
            } catch (RetryableError e) {
                outcome = failed(claim, e.errorType(), message(e), true, e.retryAfter(), started);
            } catch (InterruptedException e) {
                outcome = failed(claim, "Interrupted", "the handler was interrupted", true, Optional.empty(), started);
            } catch (Exception | LinkageError | AssertionError e) {
                log.warn("Handler of step {} threw {}", claim.stepName(), e.toString());
                outcome = failed(claim, "UnexpectedError", e.getClass().getName() + ": " + message(e), true,
                        Optional.empty(), started);
            }
            timeout.ifPresent(future -> future.cancel(false));
            settle(running, onSettled, outcome);
        } finally {
            MDC.clear();
        }
    }

    private record Prepared(RegisteredTemplate template, StepTemplate step, StepHandler handler) {
    }

    private Optional<Prepared> prepare(StepClaim claim) {
        RegisteredTemplate template = templates.get(claim.namedTaskUuid());
        return template.template().step(claim.templateStepName())
                .flatMap(step -> handlers.resolve(step.handler().callable())
                        .map(handler -> new Prepared(template, step, handler)));
    }

    /** Settles the attempt with {@code outcome} unless it was settled already (timeout vs. return race). */
    private boolean settle(RunningStep running, Runnable onSettled, StepOutcome outcome) {
        if (!running.settle()) {
            return false;
        }
        try {
            outcomes.accept(outcome);
        } finally {
            onSettled.run();
        }
        return true;
    }

    private StepOutcome toOutcome(StepClaim claim, StepResult result, long started) {
        return switch (result) {
            case null -> failed(claim, "PermanentError", "the handler returned no result", false, Optional.empty(),
                    started);
            case StepResult.Success success ->
                    checks.check(new StepOutcome.Succeeded(claim, success.result(), elapsed(started)));
            case StepResult.Decision decision ->
                    checks.check(new StepOutcome.Succeeded(claim, decision.toJson(), elapsed(started)));
            case StepResult.Batches batches ->
                    checks.check(new StepOutcome.Succeeded(claim, batches.toJson(), elapsed(started)));
            case StepResult.RetryableFailure failure -> failed(claim, failure.errorType(), failure.message(), true,
                    failure.retryAfter(), started);
            case StepResult.PermanentFailure failure -> failed(claim, failure.errorType(), failure.message(), false,
                    Optional.empty(), started);
            case StepResult.Park park -> new StepOutcome.Parked(claim, park, elapsed(started));
        };
    }

    private static StepOutcome.Failed failed(StepClaim claim, String type, String message, boolean retryable,
                                             Optional<Duration> retryAfter, long started) {
        return new StepOutcome.Failed(claim, type, message, retryable, retryAfter, elapsed(started));
    }

    private static Duration elapsed(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
