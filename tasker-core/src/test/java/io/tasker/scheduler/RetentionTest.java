package io.tasker.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.tasker.Tasker;
import io.tasker.handler.StepResult;
import io.tasker.state.TaskState;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.task.StepAction;
import io.tasker.task.TaskRequest;
import io.tasker.store.rows.DlqResolutionStatus;
import io.tasker.testing.DatabaseTest;
import io.tasker.testing.Engines;
import io.tasker.testing.Invariants;
import io.tasker.testing.MutableClock;
import io.tasker.testing.Templates;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;


/**
 * Retention with an injected clock: finished tasks older than the retention age go with every row that belongs to
 * them; recent tasks, tasks in error and tasks with a pending dead letter entry stay.
 */
@DatabaseTest
class RetentionTest {

    private static final String TEMPLATE = Templates.template("retention", "kept_or_not").step("first", "noop")
            .step("second", "noop", "first").step("third", "gate", "first").yaml();

    /** A task whose only step waits for an external worker that never comes, until the task is cancelled. */
    private static final String WAITING = Templates.single("retention", "external").name("waiting").yaml();

    /** Every table holding rows of a task, with how to count that task's rows in it. */
    private static final Map<String, String> ROWS_OF_A_TASK = rowsOfATask();

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    private DataSource dataSource;
    private Jdbc jdbc;
    private Tasker tasker;
    private volatile boolean gateOpen = true;

    @BeforeEach
    void remember(DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = new Jdbc(dataSource);
    }

    @AfterEach
    void stop() {
        if (tasker != null) {
            tasker.close();
        }
        Invariants.check(dataSource);
    }

    @Test
    void old_finished_tasks_go_with_all_their_rows_and_the_others_stay() {
        start(false);
        UUID complete = completed();
        UUID cancelled = cancelled();
        UUID resolved = resolvedManually();
        UUID failed = failed();
        UUID quarantined = completed();
        tasker.dlq().sendToDlq(quarantined, Optional.of("keep for the audit"), "ops");
        annotate(complete);
        clock.advance(Duration.ofDays(31));
        UUID recent = completed();

        Retention.Round round = tasker.runRetention();

        assertThat(round.tasksRemoved()).isEqualTo(3);
        assertThat(round.batches()).as("batches of two").isGreaterThanOrEqualTo(2);
        for (UUID gone : List.of(complete, cancelled, resolved)) {
            assertThat(rows(gone, "tasker")).as("rows of removed task %s", gone).containsOnlyKeys(ROWS_OF_A_TASK.keySet())
                    .allSatisfy((table, count) -> assertThat(count).as(table).isZero());
        }
        for (UUID kept : List.of(failed, quarantined, recent)) {
            assertThat(tasker.tasks().state(kept)).as("task %s", kept).isPresent();
            assertThat(rows(kept, "tasker").get("workflow_steps")).isEqualTo(3);
        }
        assertThat(rows(complete, "tasker_archive")).as("not archived when archiving is off")
                .allSatisfy((table, count) -> assertThat(count).as(table).isZero());
        assertThat(tasker.runRetention().tasksRemoved()).as("nothing left to remove").isZero();
    }

    @Test
    void with_archiving_every_row_is_copied_to_tasker_archive_before_it_goes() {
        start(true);
        UUID complete = completed();
        annotate(complete);
        tasker.dlq().sendToDlq(complete, Optional.of("looked into"), "ops");
        UUID entry = tasker.dlq().forTask(complete).get(0).row().dlqEntryUuid();
        tasker.dlq().update(entry, io.tasker.store.rows.DlqResolutionStatus.MANUALLY_RESOLVED,
                Optional.of("fine after all"), "ops", Optional.empty());
        Map<String, Integer> before = rows(complete, "tasker");
        clock.advance(Duration.ofDays(31));

        assertThat(tasker.runRetention().tasksRemoved()).isEqualTo(1);

        assertThat(rows(complete, "tasker_archive")).isEqualTo(before);
        assertThat(before.values()).allSatisfy(count -> assertThat(count).isPositive());
        assertThat(rows(complete, "tasker")).allSatisfy((table, count) -> assertThat(count).as(table).isZero());
    }

    @Test
    void switched_off_retention_removes_nothing() {
        tasker = Engines.fast(dataSource).clock(clock).runMaintenance(false)
                .retention(new Retention.Settings(false, Duration.ofDays(30), false, 2, Duration.ofMinutes(5)))
                .handler("gate", ctx -> StepResult.success(Map.of()))
                .template(TEMPLATE).start();
        UUID complete = completed();
        clock.advance(Duration.ofDays(365));

        assertThat(tasker.runRetention().tasksRemoved()).isZero();
        assertThat(tasker.tasks().state(complete)).contains(TaskState.COMPLETE);
    }

    @Test
    void every_archive_table_has_the_columns_of_its_live_table() {
        String columns = """
                SELECT table_name, string_agg(column_name || ' ' || data_type, ', ' ORDER BY ordinal_position)
                FROM information_schema.columns WHERE table_schema = ? GROUP BY table_name ORDER BY table_name
                """;
        Map<String, String> archive = new LinkedHashMap<>();
        jdbc.query(columns, row -> archive.put(row.getString(1), row.getString(2)), "tasker_archive");
        Map<String, String> live = new LinkedHashMap<>();
        jdbc.query(columns, row -> live.put(row.getString(1), row.getString(2)), "tasker");

        assertThat(archive.keySet()).containsExactlyInAnyOrderElementsOf(ROWS_OF_A_TASK.keySet());
        archive.forEach((table, definition) -> assertThat(definition).as("tasker_archive.%s", table)
                .isEqualTo(live.get(table)));
    }

    private void start(boolean archive) {
        tasker = Engines.fast(dataSource).clock(clock).runMaintenance(false)
                .retention(new Retention.Settings(true, Duration.ofDays(30), archive, 2, Duration.ofMinutes(5)))
                .handler("gate", ctx -> gateOpen ? StepResult.success(Map.of("gate", "open"))
                        : StepResult.permanentFailure("the gate is closed"))
                .template(TEMPLATE).template(WAITING).start();
    }

    private UUID create() {
        return tasker.createTask(TaskRequest.of("retention", "kept_or_not").build()).taskUuid();
    }

    private UUID completed() {
        gateOpen = true;
        UUID task = create();
        assertThat(tasker.awaitCompletion(task, WAIT)).isEqualTo(TaskState.COMPLETE);
        return task;
    }

    private UUID failed() {
        gateOpen = false;
        UUID task = create();
        assertThat(tasker.awaitCompletion(task, WAIT)).isEqualTo(TaskState.ERROR);
        return task;
    }

    private UUID cancelled() {
        gateOpen = true;
        UUID task = tasker.createTask(TaskRequest.of("retention", "waiting").build()).taskUuid();
        assertThat(tasker.cancel(task, "not needed", "ops")).isTrue();
        assertThat(tasker.tasks().state(task)).contains(TaskState.CANCELLED);
        return task;
    }

    private UUID resolvedManually() {
        UUID task = failed();
        UUID third = tasker.tasks().step(task, "third").orElseThrow().row().workflowStepUuid();
        tasker.operations().apply(task, third, new StepAction.ResolveManually("ops", "shipped by hand"));
        assertThat(tasker.awaitCompletion(task, WAIT)).isEqualTo(TaskState.RESOLVED_MANUALLY);
        // The failure opened a dead letter entry; the operator closes it after the repair (docs/operations.md).
        tasker.dlq().forTask(task).forEach(entry -> tasker.dlq().update(entry.row().dlqEntryUuid(),
                DlqResolutionStatus.MANUALLY_RESOLVED, Optional.of("shipped by hand"), "ops", Optional.empty()));
        return task;
    }

    private void annotate(UUID task) {
        jdbc.update("INSERT INTO tasker.annotation_types (name) VALUES ('review') ON CONFLICT (name) DO NOTHING");
        jdbc.update("""
                INSERT INTO tasker.task_annotations (task_uuid, annotation_type_uuid, annotation)
                SELECT ?, annotation_type_uuid, '{"by": "ops"}'::jsonb FROM tasker.annotation_types
                WHERE name = 'review'""", task);
    }

    private Map<String, Integer> rows(UUID task, String schema) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        ROWS_OF_A_TASK.forEach((table, query) -> counts.put(table,
                jdbc.queryOne(query.replace("$s", schema), row -> row.getInt(1), task).orElseThrow()));
        return counts;
    }

    private static Map<String, String> rowsOfATask() {
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("tasks", "SELECT count(*) FROM $s.tasks WHERE task_uuid = ?");
        queries.put("workflow_steps", "SELECT count(*) FROM $s.workflow_steps WHERE task_uuid = ?");
        queries.put("workflow_step_edges", """
                SELECT count(*) FROM $s.workflow_step_edges e
                WHERE e.to_step_uuid IN (SELECT workflow_step_uuid FROM $s.workflow_steps WHERE task_uuid = ?)""");
        queries.put("task_transitions", "SELECT count(*) FROM $s.task_transitions WHERE task_uuid = ?");
        queries.put("workflow_step_transitions", """
                SELECT count(*) FROM $s.workflow_step_transitions t
                WHERE t.workflow_step_uuid IN (SELECT workflow_step_uuid FROM $s.workflow_steps WHERE task_uuid = ?)""");
        queries.put("workflow_step_result_audit", "SELECT count(*) FROM $s.workflow_step_result_audit WHERE task_uuid = ?");
        queries.put("tasks_dlq", "SELECT count(*) FROM $s.tasks_dlq WHERE task_uuid = ?");
        queries.put("task_annotations", "SELECT count(*) FROM $s.task_annotations WHERE task_uuid = ?");
        return Map.copyOf(queries);
    }
}
