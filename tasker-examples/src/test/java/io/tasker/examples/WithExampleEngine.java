package io.tasker.examples;

import io.tasker.Tasker;
import io.tasker.TaskerBuilder;
import io.tasker.task.StepView;
import io.tasker.testing.DatabaseTest;
import io.tasker.testing.Engines;
import io.tasker.testing.Invariants;
import java.time.LocalDateTime;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Base of the example tests: an engine with every example template, and the database invariants checked after. */
@DatabaseTest
abstract class WithExampleEngine {

    Tasker tasker;
    DataSource dataSource;

    @BeforeEach
    void startEngine(DataSource dataSource) {
        this.dataSource = dataSource;
        TaskerBuilder builder = Engines.fast(dataSource);
        ExampleTemplates.yamlTexts().forEach(builder::template);
        tasker = builder.start();
    }

    @AfterEach
    void stopEngine() {
        tasker.close();
        Invariants.check(dataSource);
    }

    StepView step(UUID task, String name) {
        return tasker.tasks().step(task, name).orElseThrow();
    }

    /**
     * When the step became claimable. Written in the transaction that completed its last parent, with that
     * transaction's timestamp, so it orders against the parents' completions; the claim's own timestamp comes from
     * the claiming worker's clock, read just before its statement ran, and may be a few microseconds earlier.
     */
    LocalDateTime enqueuedAt(UUID task, String stepName) {
        return transitionAt(task, stepName, "enqueued");
    }

    LocalDateTime completedAt(UUID task, String stepName) {
        return transitionAt(task, stepName, "complete");
    }

    /**
     * When the row that passed through {@code state} was written: a committed change carries the states it passed in
     * {@code metadata.via}, and an eager claim extends its step's enqueue row (created when it was enqueued).
     */
    private LocalDateTime transitionAt(UUID task, String stepName, String state) {
        return tasker.tasks().stepTransitions(step(task, stepName).row().workflowStepUuid()).stream()
                .filter(t -> t.states().contains(state)).findFirst().orElseThrow().createdAt();
    }
}
