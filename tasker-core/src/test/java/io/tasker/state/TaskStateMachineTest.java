package io.tasker.state;

import static io.tasker.state.TaskState.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TaskStateMachineTest {

    /** The reference table, written out pair by pair, plus the two repair transitions (resume, reopen). */
    private static final String REFERENCE = """
            pending -> initializing
            initializing -> enqueuing_steps
            initializing -> complete
            initializing -> waiting_for_dependencies
            enqueuing_steps -> steps_in_process
            enqueuing_steps -> error
            steps_in_process -> evaluating_results
            steps_in_process -> waiting_for_retry
            evaluating_results -> complete
            evaluating_results -> enqueuing_steps
            evaluating_results -> waiting_for_dependencies
            evaluating_results -> blocked_by_failures
            waiting_for_dependencies -> evaluating_results
            waiting_for_retry -> enqueuing_steps
            blocked_by_failures -> error
            blocked_by_failures -> resolved_manually
            blocked_by_failures -> evaluating_results
            error -> blocked_by_failures
            pending -> cancelled
            initializing -> cancelled
            enqueuing_steps -> cancelled
            steps_in_process -> cancelled
            evaluating_results -> cancelled
            waiting_for_dependencies -> cancelled
            waiting_for_retry -> cancelled
            blocked_by_failures -> cancelled
            """;

    @Test
    void allows_exactly_the_reference_transitions_and_repair() {
        Set<String> expected = new HashSet<>(REFERENCE.lines().toList());
        for (TaskState from : TaskState.values()) {
            for (TaskState to : TaskState.values()) {
                String pair = from.dbValue() + " -> " + to.dbValue();
                assertThat(TaskStateMachine.allows(from, to)).as(pair).isEqualTo(expected.contains(pair));
            }
        }
    }

    @Test
    void nothing_leaves_a_terminal_state() {
        for (TaskState state : TaskState.values()) {
            if (state.isTerminal()) {
                assertThat(TaskStateMachine.next(state)).as(state.dbValue()).isEmpty();
            }
        }
        assertThat(List.of(TaskState.values()).stream().filter(TaskState::isTerminal))
                .containsExactly(COMPLETE, ERROR, CANCELLED, RESOLVED_MANUALLY);
    }

    @Test
    void an_illegal_transition_is_an_error_naming_the_task() {
        UUID task = UUID.randomUUID();
        assertThatThrownBy(() -> TaskStateMachine.check(task, COMPLETE, CANCELLED))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessage("task " + task + " cannot go from complete to cancelled");
    }

    @Test
    void paths_follow_the_table_and_never_cancel_on_the_way() {
        assertThat(TaskStateMachine.path(PENDING, STEPS_IN_PROCESS))
                .contains(List.of(INITIALIZING, ENQUEUING_STEPS, STEPS_IN_PROCESS));
        assertThat(TaskStateMachine.path(PENDING, COMPLETE)).contains(List.of(INITIALIZING, COMPLETE));
        assertThat(TaskStateMachine.path(STEPS_IN_PROCESS, COMPLETE)).contains(List.of(EVALUATING_RESULTS, COMPLETE));
        assertThat(TaskStateMachine.path(STEPS_IN_PROCESS, ERROR))
                .contains(List.of(EVALUATING_RESULTS, BLOCKED_BY_FAILURES, ERROR));
        assertThat(TaskStateMachine.path(STEPS_IN_PROCESS, WAITING_FOR_RETRY)).contains(List.of(WAITING_FOR_RETRY));
        assertThat(TaskStateMachine.path(WAITING_FOR_RETRY, STEPS_IN_PROCESS))
                .contains(List.of(ENQUEUING_STEPS, STEPS_IN_PROCESS));
        assertThat(TaskStateMachine.path(STEPS_IN_PROCESS, STEPS_IN_PROCESS)).contains(List.of());
        assertThat(TaskStateMachine.path(BLOCKED_BY_FAILURES, COMPLETE)).contains(List.of(EVALUATING_RESULTS, COMPLETE));
        assertThat(TaskStateMachine.path(COMPLETE, ERROR)).isEmpty();
        assertThat(TaskStateMachine.path(ERROR, BLOCKED_BY_FAILURES)).as("reopening is an operator's act").isEmpty();
    }

    @Test
    void state_names_round_trip_through_their_database_values() {
        for (TaskState state : TaskState.values()) {
            assertThat(TaskState.fromDb(state.dbValue())).isEqualTo(state);
        }
        assertThat(STEPS_IN_PROCESS.dbValue()).isEqualTo("steps_in_process");
    }
}
