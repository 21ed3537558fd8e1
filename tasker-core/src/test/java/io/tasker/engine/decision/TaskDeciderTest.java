package io.tasker.engine.decision;

import static io.tasker.state.TaskState.BLOCKED_BY_FAILURES;
import static io.tasker.state.TaskState.COMPLETE;
import static io.tasker.state.TaskState.ENQUEUING_STEPS;
import static io.tasker.state.TaskState.ERROR;
import static io.tasker.state.TaskState.EVALUATING_RESULTS;
import static io.tasker.state.TaskState.INITIALIZING;
import static io.tasker.state.TaskState.STEPS_IN_PROCESS;
import static io.tasker.state.TaskState.WAITING_FOR_RETRY;
import static org.assertj.core.api.Assertions.assertThat;

import io.tasker.state.StepState;
import io.tasker.state.TaskState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The orchestration decision, without a database. */
class TaskDeciderTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    private final UUID a = UUID.randomUUID();
    private final UUID b = UUID.randomUUID();
    private final UUID c = UUID.randomUUID();

    private static StepSnapshot step(UUID id, String name, StepState state, int attempts, Set<UUID> parents) {
        return new StepSnapshot(id, name, state, attempts, 3, true, Optional.empty(), parents);
    }

    private static TaskSnapshot task(TaskState state, StepSnapshot... steps) {
        return new TaskSnapshot(UUID.randomUUID(), "ns", state, List.of(steps));
    }

    private static List<String> names(TaskDecision decision) {
        return decision.stepsToEnqueue().stream().map(StepSnapshot::name).toList();
    }

    @Test
    void a_new_task_enqueues_its_roots_and_starts_processing() {
        TaskDecision decision = TaskDecider.decide(task(TaskState.PENDING,
                step(a, "a", StepState.PENDING, 0, Set.of()),
                step(b, "b", StepState.PENDING, 0, Set.of()),
                step(c, "c", StepState.PENDING, 0, Set.of(a, b))), NOW);
        assertThat(names(decision)).containsExactlyInAnyOrder("a", "b");
        assertThat(decision.taskPath()).containsExactly(INITIALIZING, ENQUEUING_STEPS, STEPS_IN_PROCESS);
    }

    @Test
    void a_task_without_steps_completes_at_once() {
        assertThat(TaskDecider.decide(task(TaskState.PENDING), NOW).taskPath()).containsExactly(INITIALIZING, COMPLETE);
    }

    @Test
    void a_child_waits_until_every_parent_is_satisfied() {
        TaskDecision decision = TaskDecider.decide(task(STEPS_IN_PROCESS,
                step(a, "a", StepState.COMPLETE, 1, Set.of()),
                step(b, "b", StepState.IN_PROGRESS, 1, Set.of()),
                step(c, "c", StepState.PENDING, 0, Set.of(a, b))), NOW);
        assertThat(decision.isNothing()).isTrue();

        TaskDecision ready = TaskDecider.decide(task(STEPS_IN_PROCESS,
                step(a, "a", StepState.COMPLETE, 1, Set.of()),
                step(b, "b", StepState.RESOLVED_MANUALLY, 0, Set.of()),
                step(c, "c", StepState.PENDING, 0, Set.of(a, b))), NOW);
        assertThat(names(ready)).containsExactly("c");
        assertThat(ready.taskPath()).containsExactly(EVALUATING_RESULTS, ENQUEUING_STEPS, STEPS_IN_PROCESS);
    }

    @Test
    void all_steps_complete_completes_the_task() {
        TaskDecision decision = TaskDecider.decide(task(STEPS_IN_PROCESS,
                step(a, "a", StepState.COMPLETE, 1, Set.of()),
                step(b, "b", StepState.COMPLETE, 1, Set.of(a))), NOW);
        assertThat(decision.taskPath()).containsExactly(EVALUATING_RESULTS, COMPLETE);
    }

    @Test
    void a_retry_that_is_not_due_makes_the_task_wait_for_retry() {
        StepSnapshot waiting = new StepSnapshot(a, "a", StepState.WAITING_FOR_RETRY, 1, 3, true,
                Optional.of(NOW.plusSeconds(5)), Set.of());
        TaskDecision decision = TaskDecider.decide(task(STEPS_IN_PROCESS, waiting), NOW);
        assertThat(decision.stepsToEnqueue()).isEmpty();
        assertThat(decision.taskPath()).containsExactly(WAITING_FOR_RETRY);

        TaskDecision due = TaskDecider.decide(task(WAITING_FOR_RETRY, waiting), NOW.plusSeconds(5));
        assertThat(names(due)).containsExactly("a");
        assertThat(due.taskPath()).containsExactly(ENQUEUING_STEPS, STEPS_IN_PROCESS);
    }

    @Test
    void a_failed_step_blocks_the_task_until_nothing_runs_then_errors_it() {
        TaskDecision stillRunning = TaskDecider.decide(task(STEPS_IN_PROCESS,
                step(a, "a", StepState.ERROR, 3, Set.of()),
                step(b, "b", StepState.IN_PROGRESS, 1, Set.of()),
                step(c, "c", StepState.PENDING, 0, Set.of())), NOW);
        assertThat(stillRunning.stepsToEnqueue()).as("nothing new starts once a step failed").isEmpty();
        assertThat(stillRunning.taskPath()).containsExactly(EVALUATING_RESULTS, BLOCKED_BY_FAILURES);

        TaskDecision done = TaskDecider.decide(task(BLOCKED_BY_FAILURES,
                step(a, "a", StepState.ERROR, 3, Set.of()),
                step(b, "b", StepState.COMPLETE, 1, Set.of()),
                step(c, "c", StepState.PENDING, 0, Set.of())), NOW);
        assertThat(done.taskPath()).containsExactly(ERROR);

        TaskDecision direct = TaskDecider.decide(task(STEPS_IN_PROCESS,
                step(a, "a", StepState.ERROR, 1, Set.of())), NOW);
        assertThat(direct.taskPath()).containsExactly(EVALUATING_RESULTS, BLOCKED_BY_FAILURES, ERROR);
    }

    @Test
    void a_blocked_task_whose_failure_was_repaired_resumes_and_ends_by_how_it_was_repaired() {
        TaskDecision running = TaskDecider.decide(task(BLOCKED_BY_FAILURES,
                step(a, "a", StepState.RESOLVED_MANUALLY, 3, Set.of()),
                step(b, "b", StepState.IN_PROGRESS, 1, Set.of()),
                step(c, "c", StepState.PENDING, 0, Set.of(a))), NOW);
        assertThat(names(running)).containsExactly("c");
        assertThat(running.taskPath()).as("the repair resumes the task")
                .containsExactly(EVALUATING_RESULTS, ENQUEUING_STEPS, STEPS_IN_PROCESS);

        TaskDecision resolved = TaskDecider.decide(task(STEPS_IN_PROCESS,
                step(a, "a", StepState.RESOLVED_MANUALLY, 3, Set.of()),
                step(b, "b", StepState.COMPLETE, 1, Set.of()),
                step(c, "c", StepState.COMPLETE, 1, Set.of(a))), NOW);
        assertThat(resolved.taskPath()).as("a step resolved without a result")
                .containsExactly(EVALUATING_RESULTS, BLOCKED_BY_FAILURES, TaskState.RESOLVED_MANUALLY);

        TaskDecision completed = TaskDecider.decide(task(BLOCKED_BY_FAILURES,
                step(a, "a", StepState.COMPLETE, 1, Set.of()),
                step(b, "b", StepState.COMPLETE, 1, Set.of()),
                step(c, "c", StepState.COMPLETE, 1, Set.of(a))), NOW);
        assertThat(completed.taskPath()).as("every step has a result")
                .containsExactly(EVALUATING_RESULTS, TaskState.COMPLETE);
    }

    @Test
    void a_step_with_no_attempts_left_is_not_enqueued() {
        TaskDecision decision = TaskDecider.decide(task(STEPS_IN_PROCESS,
                new StepSnapshot(a, "a", StepState.PENDING, 3, 3, true, Optional.empty(), Set.of())), NOW);
        assertThat(decision.stepsToEnqueue()).isEmpty();
    }

    @Test
    void a_terminal_task_is_left_alone() {
        for (TaskState terminal : List.of(COMPLETE, ERROR, TaskState.CANCELLED, TaskState.RESOLVED_MANUALLY)) {
            assertThat(TaskDecider.decide(task(terminal, step(a, "a", StepState.PENDING, 0, Set.of())), NOW)
                    .isNothing()).isTrue();
        }
    }

    @Test
    void every_decided_path_is_made_of_allowed_transitions() {
        List<TaskSnapshot> cases = new ArrayList<>();
        for (TaskState state : TaskState.values()) {
            for (StepState stepState : StepState.values()) {
                cases.add(task(state, step(a, "a", stepState, 1, Set.of()), step(b, "b", StepState.PENDING, 0, Set.of(a))));
            }
        }
        for (TaskSnapshot snapshot : cases) {
            TaskState current = snapshot.state();
            for (TaskState next : TaskDecider.decide(snapshot, NOW).taskPath()) {
                assertThat(io.tasker.state.TaskStateMachine.allows(current, next)).as(current + " -> " + next).isTrue();
                current = next;
            }
        }
    }
}
