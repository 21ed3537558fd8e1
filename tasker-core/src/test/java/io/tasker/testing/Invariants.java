package io.tasker.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.tasker.state.StepState;
import io.tasker.state.StepStateMachine;
import io.tasker.state.TaskState;
import io.tasker.state.TaskStateMachine;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import javax.sql.DataSource;

/**
 * Checks that the stored history is consistent, whatever happened: one most recent transition per task and step,
 * contiguous sort keys, every transition's path (from, metadata.via, to) allowed by its state machine, each
 * transition starting where the previous one ended, and each step's current state equal to its most recent
 * transition.
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
        assertThat(illegalPaths(jdbc, "task_transitions", (from, to) ->
                TaskStateMachine.allows(TaskState.fromDb(from), TaskState.fromDb(to))))
                .as("task transitions whose path the machine does not allow").isEmpty();
        assertThat(illegalPaths(jdbc, "workflow_step_transitions", (from, to) ->
                StepStateMachine.allows(StepState.fromDb(from), StepState.fromDb(to))))
                .as("step transitions whose path the machine does not allow").isEmpty();
        assertThat(jdbc.query("""
                SELECT t.workflow_step_uuid || ' #' || t.sort_key FROM tasker.workflow_step_transitions t
                JOIN tasker.workflow_step_transitions p
                  ON p.workflow_step_uuid = t.workflow_step_uuid AND p.sort_key = t.sort_key - 1
                WHERE t.from_state IS DISTINCT FROM p.to_state
                UNION ALL
                SELECT t.task_uuid || ' #' || t.sort_key FROM tasker.task_transitions t
                JOIN tasker.task_transitions p ON p.task_uuid = t.task_uuid AND p.sort_key = t.sort_key - 1
                WHERE t.from_state IS DISTINCT FROM p.to_state
                """, row -> row.getString(1))).as("transitions that do not start where the previous one ended")
                .isEmpty();
    }

    /**
     * Every distinct path (from, the states in metadata.via, to) of a transition table that is not a chain of
     * allowed transitions; a first transition (no from) must start in pending.
     */
    private static List<String> illegalPaths(Jdbc jdbc, String table, BiPredicate<String, String> allows) {
        return jdbc.query("SELECT DISTINCT coalesce(from_state, ''), coalesce(metadata -> 'via', '[]'::jsonb)::text,"
                + " to_state FROM tasker." + table, row -> {
                    List<String> path = new ArrayList<>();
                    path.add(row.getString(1));
                    Json.parse(row.getString(2)).forEach(state -> path.add(state.asString()));
                    path.add(row.getString(3));
                    return path;
                }).stream().filter(path -> !legal(path, allows)).map(path -> String.join(" -> ", path)).toList();
    }

    private static boolean legal(List<String> path, BiPredicate<String, String> allows) {
        if (path.getFirst().isEmpty() && !path.get(1).equals("pending")) {
            return false;
        }
        for (int i = path.getFirst().isEmpty() ? 2 : 1; i < path.size(); i++) {
            if (!allows.test(path.get(i - 1), path.get(i))) {
                return false;
            }
        }
        return true;
    }
}
