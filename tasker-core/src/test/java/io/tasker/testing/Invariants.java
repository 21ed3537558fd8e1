package io.tasker.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.tasker.state.StepState;
import io.tasker.state.StepStateMachine;
import io.tasker.state.TaskState;
import io.tasker.state.TaskStateMachine;
import io.tasker.store.jdbc.Jdbc;
import java.util.List;
import javax.sql.DataSource;

/**
 * Checks that the stored history is consistent, whatever happened: one most recent transition per task and step,
 * contiguous sort keys, every transition allowed by its state machine, and each step's current state equal to its
 * most recent transition.
 */
public final class Invariants {

    private Invariants() {
    }

    public static void check(DataSource dataSource) {
        Jdbc jdbc = new Jdbc(dataSource);
        assertThat(jdbc.query("""
                SELECT task_uuid FROM tasker.tasks t
                WHERE (SELECT count(*) FROM tasker.task_transitions tt WHERE tt.task_uuid = t.task_uuid AND tt.most_recent) <> 1
                """, row -> row.getString(1))).as("tasks without exactly one most recent transition").isEmpty();
        assertThat(jdbc.query("""
                SELECT workflow_step_uuid FROM tasker.workflow_steps s
                WHERE (SELECT count(*) FROM tasker.workflow_step_transitions t
                       WHERE t.workflow_step_uuid = s.workflow_step_uuid AND t.most_recent) <> 1
                """, row -> row.getString(1))).as("steps without exactly one most recent transition").isEmpty();
        assertThat(jdbc.query("""
                SELECT s.workflow_step_uuid || ' is ' || s.current_state || ' but its history says ' || t.to_state
                FROM tasker.workflow_steps s
                JOIN tasker.workflow_step_transitions t ON t.workflow_step_uuid = s.workflow_step_uuid AND t.most_recent
                WHERE t.to_state <> s.current_state
                """, row -> row.getString(1))).as("steps whose state differs from their history").isEmpty();
        assertThat(jdbc.query("""
                SELECT task_uuid FROM tasker.task_transitions GROUP BY task_uuid
                HAVING min(sort_key) <> 1 OR max(sort_key) <> count(*)
                """, row -> row.getString(1))).as("tasks with gaps in their sort keys").isEmpty();
        assertThat(jdbc.query("""
                SELECT workflow_step_uuid FROM tasker.workflow_step_transitions GROUP BY workflow_step_uuid
                HAVING min(sort_key) <> 1 OR max(sort_key) <> count(*)
                """, row -> row.getString(1))).as("steps with gaps in their sort keys").isEmpty();
        List<String> illegalTasks = jdbc.query("""
                SELECT DISTINCT coalesce(from_state, ''), to_state FROM tasker.task_transitions
                """, row -> row.getString(1) + " -> " + row.getString(2)).stream()
                .filter(pair -> {
                    String[] states = pair.split(" -> ");
                    return states[0].isEmpty() ? !states[1].equals("pending")
                            : !TaskStateMachine.allows(TaskState.fromDb(states[0]), TaskState.fromDb(states[1]));
                }).toList();
        assertThat(illegalTasks).as("task transitions the machine does not allow").isEmpty();
        List<String> illegalSteps = jdbc.query("""
                SELECT DISTINCT coalesce(from_state, ''), to_state FROM tasker.workflow_step_transitions
                """, row -> row.getString(1) + " -> " + row.getString(2)).stream()
                .filter(pair -> {
                    String[] states = pair.split(" -> ");
                    return states[0].isEmpty() ? !states[1].equals("pending")
                            : !StepStateMachine.allows(StepState.fromDb(states[0]), StepState.fromDb(states[1]));
                }).toList();
        assertThat(illegalSteps).as("step transitions the machine does not allow").isEmpty();
    }
}
