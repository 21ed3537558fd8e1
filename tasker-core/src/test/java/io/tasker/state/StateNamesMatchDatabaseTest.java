package io.tasker.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.tasker.store.jdbc.Jdbc;
import io.tasker.testing.DatabaseTest;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The CHECK constraints on state columns list exactly the states of the Java enums. */
@DatabaseTest
class StateNamesMatchDatabaseTest {

    private static Set<String> allowedBy(Jdbc jdbc, String constraint) {
        String definition = jdbc.queryOne("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = ?",
                row -> row.getString(1), constraint).orElseThrow();
        Set<String> values = new TreeSet<>();
        Matcher quoted = Pattern.compile("'([a-z_]+)'").matcher(definition);
        while (quoted.find()) {
            values.add(quoted.group(1));
        }
        return values;
    }

    @Test
    void task_state_checks_match_the_task_state_enum(DataSource dataSource) {
        Jdbc jdbc = new Jdbc(dataSource);
        Set<String> java = new TreeSet<>(Arrays.stream(TaskState.values()).map(TaskState::dbValue).toList());
        assertThat(allowedBy(jdbc, "task_transitions_to_state")).isEqualTo(java);
        assertThat(allowedBy(jdbc, "task_transitions_from_state")).isEqualTo(java);
    }

    @Test
    void step_state_checks_match_the_step_state_enum(DataSource dataSource) {
        Jdbc jdbc = new Jdbc(dataSource);
        Set<String> java = new TreeSet<>(Arrays.stream(StepState.values()).map(StepState::dbValue).toList());
        assertThat(allowedBy(jdbc, "workflow_steps_current_state")).isEqualTo(java);
        assertThat(allowedBy(jdbc, "workflow_step_transitions_to_state")).isEqualTo(java);
        assertThat(allowedBy(jdbc, "workflow_step_transitions_from_state")).isEqualTo(java);
    }
}
