package io.tasker.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.tasker.Tasker;
import io.tasker.state.StateEvents;
import io.tasker.state.StepState;
import io.tasker.state.StepStateMachine;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.store.rows.WorkflowStepTransitionRow;
import io.tasker.task.TaskRequest;
import io.tasker.testing.DatabaseTest;
import io.tasker.testing.Engines;
import io.tasker.testing.Templates;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * {@code tasker.claim_steps} is the one writer of step state besides TransitionWriter (it claims in SQL, for one
 * round trip per batch): what it writes must be what the step state machine and its event names say.
 */
@DatabaseTest
class StepQueueTest {

    @Test
    void claiming_writes_a_transition_the_step_machine_allows_with_its_event_and_the_state_it_names(
            DataSource dataSource) {
        Jdbc jdbc = new Jdbc(dataSource);
        try (Tasker tasker = Engines.fast(dataSource).runWorkers(false).runMaintenance(false).template(Templates.single("queue", "noop").yaml()).start()) {
            UUID task = tasker.createTask(TaskRequest.of("queue", "single").build()).taskUuid();
            List<StepClaim> claims = jdbc.withConnection(tx -> new StepQueue().claim(tx, Optional.of("queue"), false,
                    10, "test-worker", Duration.ofSeconds(30), Instant.now()));
            assertThat(claims).hasSize(1);

            UUID step = claims.get(0).stepUuid();
            WorkflowStepTransitionRow claimed = tasker.tasks().stepTransitions(step).getLast();
            StepState from = StepState.fromDb(claimed.fromState());
            StepState to = StepState.fromDb(claimed.toState());
            assertThat(StepStateMachine.allows(from, to)).as(from + " -> " + to).isTrue();
            assertThat(claimed.metadata().path("event").asString()).isEqualTo(StateEvents.step(from, to));
            assertThat(claimed.mostRecent()).isTrue();
            assertThat(tasker.tasks().step(task, "only").orElseThrow().state()).isEqualTo(to);
            assertThat(to).isEqualTo(StepState.IN_PROGRESS);
        }
    }
}
