package io.tasker;

import io.tasker.engine.HandlerRegistry;
import io.tasker.engine.ResultWriter;
import io.tasker.engine.TaskCreator;
import io.tasker.engine.TaskEvaluator;
import io.tasker.engine.store.TaskStateStore;
import io.tasker.park.ParkedSteps;
import io.tasker.schedule.ScheduleTicker;
import io.tasker.schedule.Schedules;
import io.tasker.scheduler.Maintenance;
import io.tasker.signal.SignalStep;
import io.tasker.signal.Signals;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.subtask.SubtaskStep;
import io.tasker.subtask.Subtasks;
import io.tasker.task.TaskRequest;
import io.tasker.template.TemplateRegistry;
import io.tasker.timer.DelayedStarts;
import io.tasker.timer.WaitStep;
import io.tasker.worker.OutcomeWrites;
import io.tasker.state.IllegalTransitionException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * The workflow features built on parked steps and the scheduler loop, wired for one engine: timers ({@code wait}
 * steps, delayed starts), signals, child workflows ({@code subtask} steps) and cron schedules.
 */
final class WorkflowFeatures {

    final ParkedSteps parkedSteps;
    final Signals signals;
    final Subtasks subtasks;
    final Schedules schedules;
    final DelayedStarts delayedStarts;
    private final ScheduleTicker ticker;

    /** How the engine cancels a task ({@code Tasker#cancel}: interrupts handlers everywhere, sweeps waits). */
    @FunctionalInterface
    interface Cancel {
        boolean cancel(UUID taskUuid, String reason, String by);
    }

    /** The engine's collaborators the features use. */
    record Engine(Jdbc jdbc, TaskStateStore states, TaskEvaluator evaluator, ResultWriter writer,
                  TemplateRegistry templates, String processor, Clock clock,
                  Consumer<TaskEvaluator.Evaluation> committed, TaskCreator creator, Cancel cancel,
                  Runnable wakeScheduler) {
    }

    /** Builds the features and registers the built-in step types' handlers (before any template is registered). */
    WorkflowFeatures(Engine engine, HandlerRegistry handlers) {
        this.parkedSteps = new ParkedSteps(engine.jdbc(), engine.states(), engine.writer(),
                new OutcomeWrites(engine.templates(), engine.processor()), engine.clock(), engine.committed());
        Consumer<UUID> cancel = task -> cancelQuietly(engine.cancel(), task);
        this.signals = new Signals(engine.jdbc(), parkedSteps);
        this.subtasks = new Subtasks(engine.jdbc(), parkedSteps, cancel);
        this.schedules = new Schedules(engine.jdbc(), engine.templates(), engine.clock(), engine.wakeScheduler());
        this.ticker = new ScheduleTicker(engine.jdbc(), engine.creator(), cancel, engine.clock());
        this.delayedStarts = new DelayedStarts(engine.jdbc(), engine.states(), engine.evaluator(), engine.committed());
        handlers.builtIn(WaitStep.CALLABLE, new WaitStep());
        handlers.builtIn(SignalStep.CALLABLE, new SignalStep());
        handlers.builtIn(SubtaskStep.CALLABLE, new SubtaskStep(request -> startChild(engine.creator(), request),
                subtasks::outcome));
    }

    /** A subtask step's child: created, or found by its idempotency key when the step's attempt runs again. */
    private static UUID startChild(TaskCreator creator, TaskRequest request) {
        return switch (creator.createAll(List.of(request)).get(0)) {
            case TaskCreator.Creation.Created created -> created.task().taskUuid();
            case TaskCreator.Creation.Duplicate duplicate -> duplicate.existingTaskUuid();
        };
    }

    /** The engine cancels a task (a schedule's previous run, an abandoned child); one that has ended stays so. */
    private static void cancelQuietly(Cancel cancel, UUID taskUuid) {
        try {
            cancel.cancel(taskUuid, "cancelled by the engine: its schedule ticked again or its parent stopped "
                    + "waiting", "tasker");
        } catch (IllegalTransitionException endedMeanwhile) {
            LoggerFactory.getLogger(WorkflowFeatures.class).debug("Task {} ended before it could be cancelled",
                    taskUuid);
        }
    }

    /** Their scheduler work, on this engine's scheduler loop. */
    void attach(Maintenance maintenance) {
        maintenance.add(parkedSteps);
        parkedSteps.onDeadlineSet(at -> maintenance.wakeUp());
        maintenance.add(ticker);
        maintenance.add(subtasks);
        maintenance.add(delayedStarts);
    }
}
