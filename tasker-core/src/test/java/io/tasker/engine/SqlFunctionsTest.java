package io.tasker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.tasker.Tasker;
import io.tasker.handler.StepResult;
import io.tasker.json.Json;
import io.tasker.state.StepState;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.task.CreatedTask;
import io.tasker.task.TaskRequest;
import io.tasker.testing.DatabaseTest;
import io.tasker.testing.Engines;
import io.tasker.testing.ResultWriters;
import io.tasker.testing.Templates;
import io.tasker.worker.StepClaim;
import io.tasker.worker.StepQueue;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;


/**
 * The SQL functions named in the seeds, on a diamond task driven by hand into a known mix of states:
 * start complete, left failed once and waiting for its retry, right enqueued, end pending.
 */
@DatabaseTest
class SqlFunctionsTest {

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private Tasker tasker;
    private Jdbc jdbc;
    private UUID task;
    private Map<String, UUID> steps;

    @BeforeEach
    void driveADiamondIntoAMixOfStates(DataSource dataSource) {
        jdbc = new Jdbc(dataSource);
        tasker = Engines.fast(dataSource).runWorkers(false).runMaintenance(false)
                .handler("h", ctx -> StepResult.success(Map.of()))
                .template(Templates.diamond("functions", "h").yaml()).start();
        CreatedTask created = tasker.createTask(TaskRequest.of("functions", "diamond").build());
        task = created.taskUuid();
        steps = created.stepUuids();
        ResultWriter writer = ResultWriters.create(jdbc);

        StepClaim start = claim().get(0);
        jdbc.inTransaction(tx -> writer.write(tx, List.of(new ResultWriter.Success(task,
                new ResultWriter.SuccessWrite(start.stepUuid(), start.leaseToken(), Json.object().put("v", 1)),
                Json.object())), List.of(), now, false, null));
        StepClaim left = claim().stream().filter(c -> c.stepName().equals("left")).findFirst().orElseThrow();
        jdbc.inTransaction(tx -> writer.write(tx, List.of(), List.of(new ResultWriter.Failure(task,
                new ResultWriter.FailureWrite(left.stepUuid(), left.leaseToken(), StepState.WAITING_FOR_RETRY,
                        now.plus(Duration.ofHours(1)), null, Json.object()), Json.object())), now, false, null));
        // right was claimed with left; give it back so it is enqueued again
        jdbc.update("""
                UPDATE tasker.workflow_steps SET current_state = 'enqueued', in_process = false, lease_token = NULL,
                    lease_expires_at = NULL, attempts = 0 WHERE workflow_step_uuid = ?""", steps.get("right"));
        jdbc.update("""
                UPDATE tasker.workflow_step_transitions SET most_recent = false
                WHERE workflow_step_uuid = ? AND most_recent""", steps.get("right"));
        jdbc.update("""
                INSERT INTO tasker.workflow_step_transitions (workflow_step_uuid, from_state, to_state, sort_key, most_recent)
                SELECT ?, 'in_progress', 'enqueued', max(sort_key) + 1, true FROM tasker.workflow_step_transitions
                WHERE workflow_step_uuid = ?""", steps.get("right"), steps.get("right"));
    }

    @AfterEach
    void stop() {
        tasker.close();
    }

    @Test
    void step_readiness_reports_dependencies_retries_and_readiness() {
        Map<String, Map<String, Object>> rows = readiness("SELECT * FROM tasker.get_step_readiness_status(?)", task);
        assertThat(rows).containsOnlyKeys("start", "left", "right", "end");
        assertThat(rows.get("start")).containsEntry("current_state", "complete").containsEntry("total_parents", 0)
                .containsEntry("dependencies_satisfied", true).containsEntry("ready_for_execution", false);
        assertThat(rows.get("left")).containsEntry("current_state", "waiting_for_retry")
                .containsEntry("dependencies_satisfied", true).containsEntry("retry_eligible", true)
                .containsEntry("ready_for_execution", false).containsEntry("attempts", 1)
                .containsEntry("next_retry_at", now.plus(Duration.ofHours(1)).toString())
                .containsEntry("last_failure_at", now.toString());
        assertThat(rows.get("right")).containsEntry("current_state", "enqueued")
                .containsEntry("ready_for_execution", false);
        assertThat(rows.get("end")).containsEntry("current_state", "pending").containsEntry("total_parents", 2)
                .containsEntry("completed_parents", 0).containsEntry("dependencies_satisfied", false)
                .containsEntry("ready_for_execution", false);

        Map<String, Map<String, Object>> filtered = readiness(
                "SELECT * FROM tasker.get_step_readiness_status(?, ?::uuid[])", task,
                new UUID[] {steps.get("end")});
        assertThat(filtered).containsOnlyKeys("end");
    }

    @Test
    void a_due_retry_is_ready_for_execution() {
        jdbc.update("UPDATE tasker.workflow_steps SET next_retry_at = ? WHERE workflow_step_uuid = ?",
                now.minus(Duration.ofSeconds(1)), steps.get("left"));
        assertThat(readiness("SELECT * FROM tasker.get_step_readiness_status(?)", task).get("left"))
                .containsEntry("ready_for_execution", true);
    }

    @Test
    void execution_context_counts_steps_and_classifies_the_task() {
        Map<String, Object> context = jdbc.queryOne("SELECT * FROM tasker.get_task_execution_context(?)",
                SqlFunctionsTest::columns, task).orElseThrow();
        assertThat(context).containsEntry("status", "steps_in_process").containsEntry("total_steps", 4L)
                .containsEntry("completed_steps", 1L).containsEntry("pending_steps", 2L)
                .containsEntry("in_progress_steps", 0L).containsEntry("failed_steps", 0L)
                .containsEntry("ready_steps", 0L).containsEntry("enqueued_steps", 1L)
                .containsEntry("execution_status", "processing").containsEntry("recommended_action", "wait_for_completion")
                .containsEntry("health_status", "recovering");
        assertThat(((java.math.BigDecimal) context.get("completion_percentage")).doubleValue()).isEqualTo(25.0);

        jdbc.update("UPDATE tasker.workflow_steps SET current_state = 'error' WHERE workflow_step_uuid = ?",
                steps.get("left"));
        assertThat(jdbc.queryOne("SELECT execution_status || '/' || recommended_action || '/' || health_status"
                + " FROM tasker.get_task_execution_context(?)", row -> row.getString(1), task))
                .contains("blocked_by_failures/handle_failures/blocked");
    }

    @Test
    void a_cancelled_task_is_cancelled_and_a_finished_one_recommends_nothing() {
        tasker.cancel(task, "no longer needed", "test");
        assertThat(jdbc.queryOne("SELECT status || '/' || execution_status || '/' || recommended_action"
                + " FROM tasker.get_task_execution_context(?)", row -> row.getString(1), task))
                .contains("cancelled/cancelled/none");

        UUID done = tasker.createTask(TaskRequest.of("functions", "diamond").build()).taskUuid();
        jdbc.update("""
                WITH closed AS (UPDATE tasker.task_transitions SET most_recent = false
                                WHERE task_uuid = ? AND most_recent RETURNING to_state, sort_key)
                INSERT INTO tasker.task_transitions (task_uuid, from_state, to_state, sort_key, most_recent)
                SELECT ?, to_state, 'complete', sort_key + 1, true FROM closed""", done, done);
        jdbc.update("UPDATE tasker.workflow_steps SET current_state = 'complete' WHERE task_uuid = ?", done);
        assertThat(jdbc.queryOne("SELECT status || '/' || execution_status || '/' || recommended_action"
                + " FROM tasker.get_task_execution_context(?)", row -> row.getString(1), done))
                .contains("complete/all_complete/none");
    }

    @Test
    void batch_functions_cover_several_tasks() {
        UUID other = tasker.createTask(TaskRequest.of("functions", "diamond").build()).taskUuid();
        assertThat(jdbc.query("SELECT task_uuid, execution_status FROM tasker.get_task_execution_contexts_batch(?::uuid[])",
                row -> row.getObject(1, UUID.class) + "=" + row.getString(2), (Object) new UUID[] {task, other}))
                .containsExactlyInAnyOrder(task + "=processing", other + "=processing");
        assertThat(jdbc.queryOne("SELECT count(*) FROM tasker.get_step_readiness_status_batch(?::uuid[])",
                row -> row.getInt(1), (Object) new UUID[] {task, other})).contains(8);
    }

    @Test
    void dependency_levels_are_the_depth_of_each_step() {
        Map<UUID, Integer> levels = new HashMap<>();
        jdbc.query("SELECT * FROM tasker.calculate_dependency_levels(?)",
                row -> levels.put(row.getObject(1, UUID.class), row.getInt(2)), task);
        assertThat(levels).containsExactlyInAnyOrderEntriesOf(Map.of(steps.get("start"), 0, steps.get("left"), 1,
                steps.get("right"), 1, steps.get("end"), 2));
    }

    private List<StepClaim> claim() {
        return jdbc.withConnection(tx -> new StepQueue().claim(tx, Optional.of("functions"), false, 10, "test",
                Duration.ofMinutes(5), now));
    }

    private Map<String, Map<String, Object>> readiness(String sql, Object... parameters) {
        Map<String, Map<String, Object>> rows = new HashMap<>();
        jdbc.query(sql, row -> rows.put(row.getString("name"), columns(row)), parameters);
        return rows;
    }

    private static Map<String, Object> columns(ResultSet row) throws SQLException {
        Map<String, Object> values = new HashMap<>();
        for (int i = 1; i <= row.getMetaData().getColumnCount(); i++) {
            Object value = row.getObject(i);
            if (value instanceof java.sql.Timestamp timestamp) {
                value = timestamp.toLocalDateTime().toInstant(java.time.ZoneOffset.UTC).toString();
            }
            values.put(row.getMetaData().getColumnLabel(i), value);
        }
        return values;
    }

}
