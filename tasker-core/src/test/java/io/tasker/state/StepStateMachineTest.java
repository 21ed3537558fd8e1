package io.tasker.state;

import static io.tasker.state.StepState.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StepStateMachineTest {

    /** The reference table; "any" rows expanded, self-transitions excluded. */
    private static Set<String> reference() {
        Set<String> pairs = new HashSet<>(Set.of(
                "pending -> enqueued",
                "enqueued -> in_progress",
                "in_progress -> enqueued_for_orchestration",
                "in_progress -> enqueued_as_error_for_orchestration",
                "enqueued_for_orchestration -> complete",
                "enqueued_for_orchestration -> error",
                "enqueued_as_error_for_orchestration -> error",
                "enqueued_as_error_for_orchestration -> waiting_for_retry",
                "enqueued_as_error_for_orchestration -> complete",
                "in_progress -> waiting_for_retry", "enqueued -> waiting_for_retry", "pending -> waiting_for_retry",
                "in_progress -> error", "enqueued -> error", "pending -> error",
                "waiting_for_retry -> pending",
                "error -> pending"));
        for (StepState from : StepState.values()) {
            if (from != COMPLETE && from != RESOLVED_MANUALLY && from != CANCELLED) {
                pairs.add(from.dbValue() + " -> cancelled");
            }
            if (from != COMPLETE) {
                pairs.add(from.dbValue() + " -> complete");
            }
            if (from != RESOLVED_MANUALLY) {
                pairs.add(from.dbValue() + " -> resolved_manually");
            }
        }
        return pairs;
    }

    @Test
    void allows_exactly_the_reference_transitions() {
        Set<String> expected = reference();
        for (StepState from : StepState.values()) {
            for (StepState to : StepState.values()) {
                String pair = from.dbValue() + " -> " + to.dbValue();
                assertThat(StepStateMachine.allows(from, to)).as(pair).isEqualTo(expected.contains(pair));
            }
        }
    }

    @Test
    void a_completed_step_cannot_be_cancelled_or_restarted() {
        assertThat(StepStateMachine.allows(COMPLETE, CANCELLED)).isFalse();
        assertThat(StepStateMachine.allows(COMPLETE, PENDING)).isFalse();
        UUID step = UUID.randomUUID();
        assertThatThrownBy(() -> StepStateMachine.check(step, COMPLETE, IN_PROGRESS))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessage("step " + step + " cannot go from complete to in_progress");
    }

    @Test
    void only_complete_and_resolved_manually_satisfy_a_dependency() {
        for (StepState state : StepState.values()) {
            assertThat(state.satisfiesDependency()).as(state.dbValue())
                    .isEqualTo(state == COMPLETE || state == RESOLVED_MANUALLY);
        }
    }
}
