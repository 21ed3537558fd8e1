package io.tasker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tasker.InvalidInputException;
import io.tasker.Tasker;
import io.tasker.state.TaskState;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.store.rows.WorkflowStepTransitionRow;
import io.tasker.task.CreatedTask;
import io.tasker.task.DuplicateTaskException;
import io.tasker.task.PayloadTooLargeException;
import io.tasker.task.StepView;
import io.tasker.task.TaskRequest;
import io.tasker.task.TaskView;
import io.tasker.template.TemplateNotFoundException;
import io.tasker.testing.DatabaseTest;
import io.tasker.testing.Engines;
import io.tasker.testing.Invariants;
import io.tasker.testing.Templates;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;


/** Creating tasks: rows, edges, first transitions, identity and validation. Workers are off: nothing runs. */
@DatabaseTest
class TaskCreationTest {

    /** A diamond whose context must hold a non-negative integer {@code n}, registered once per identity strategy. */
    private static String diamond(String name, String identityStrategy) {
        return Templates.diamond("creation", "noop").name(name).identityStrategy(identityStrategy).with("""
                input_schema:
                  type: object
                  required: [n]
                  properties: {n: {type: integer, minimum: 0}}""").yaml();
    }

    private Tasker tasker;
    private Jdbc jdbc;
    private DataSource dataSource;

    @BeforeEach
    void start(DataSource dataSource) {
        this.dataSource = dataSource;
        jdbc = new Jdbc(dataSource);
        tasker = Engines.fast(dataSource)
                .runWorkers(false)
                .runMaintenance(false)
                .handler("noop", ctx -> io.tasker.handler.StepResult.success(Map.of()))
                .template(diamond("diamond", "strict"))
                .template(diamond("keyed", "caller_provided"))
                .template(diamond("unique", "always_unique"))
                .start();
    }

    @AfterEach
    void stop() {
        tasker.close();
        Invariants.check(dataSource);
    }

    private TaskRequest.Builder request(String name, int n) {
        return TaskRequest.of("creation", name).context(Map.of("n", n));
    }

    @Test
    void a_task_is_created_with_its_steps_edges_and_ready_roots_enqueued() {
        CreatedTask created = tasker.createTask(request("diamond", 1).initiator("alice").sourceSystem("billing")
                .reason("month end").tags(List.of("urgent", "eu")).priority(7).build());
        assertThat(created.state()).isEqualTo(TaskState.STEPS_IN_PROCESS);
        assertThat(created.stepUuids()).containsOnlyKeys("start", "left", "right", "end");

        TaskView task = tasker.tasks().get(created.taskUuid());
        assertThat(task.row().initiator()).isEqualTo("alice");
        assertThat(task.row().sourceSystem()).isEqualTo("billing");
        assertThat(task.row().reason()).isEqualTo("month end");
        assertThat(task.row().priority()).isEqualTo(7);
        assertThat(task.row().tags().toString()).isEqualTo("[\"urgent\",\"eu\"]");
        assertThat(task.row().context().path("n").asInt()).isEqualTo(1);
        assertThat(task.row().identityHash()).hasSize(64);
        assertThat(task.row().correlationId()).isEqualTo(created.correlationId());
        // History records committed states: creation is one row, the states passed inside it in metadata.via.
        assertThat(tasker.tasks().taskTransitions(created.taskUuid()))
                .extracting(t -> t.fromState(), t -> t.toState(), t -> t.metadata().path("via").toString())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(null, "steps_in_process",
                        "[\"pending\",\"initializing\",\"enqueuing_steps\"]"));
        assertThat(tasker.tasks().taskTransitions(created.taskUuid()).getFirst().states())
                .containsExactly("pending", "initializing", "enqueuing_steps", "steps_in_process");

        Map<String, String> states = new java.util.HashMap<>();
        tasker.tasks().steps(created.taskUuid()).forEach(s -> states.put(s.name(), s.state().dbValue()));
        assertThat(states).containsExactlyInAnyOrderEntriesOf(Map.of("start", "enqueued", "left", "pending",
                "right", "pending", "end", "pending"));
        StepView start = tasker.tasks().step(created.taskUuid(), "start").orElseThrow();
        assertThat(tasker.tasks().stepTransitions(start.row().workflowStepUuid()))
                .extracting(WorkflowStepTransitionRow::fromState, WorkflowStepTransitionRow::toState,
                        WorkflowStepTransitionRow::states)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(null, "enqueued", List.of("pending", "enqueued")));
        assertThat(start.row().priority()).isEqualTo(7);
        assertThat(jdbc.query("""
                SELECT f.name || '->' || t.name FROM tasker.workflow_step_edges e
                JOIN tasker.workflow_steps fs ON fs.workflow_step_uuid = e.from_step_uuid
                JOIN tasker.named_steps f ON f.named_step_uuid = fs.named_step_uuid
                JOIN tasker.workflow_steps ts ON ts.workflow_step_uuid = e.to_step_uuid
                JOIN tasker.named_steps t ON t.named_step_uuid = ts.named_step_uuid
                WHERE fs.task_uuid = ? ORDER BY 1
                """, row -> row.getString(1), created.taskUuid()))
                .containsExactly("left->end", "right->end", "start->left", "start->right");
    }

    @Test
    void strict_identity_rejects_the_same_context_twice_with_the_existing_task() {
        CreatedTask first = tasker.createTask(request("diamond", 1).build());
        assertThatThrownBy(() -> tasker.createTask(request("diamond", 1).build()))
                .isInstanceOfSatisfying(DuplicateTaskException.class, e ->
                        assertThat(e.existingTaskUuid()).isEqualTo(first.taskUuid()))
                .hasMessage("a task with this identity already exists: " + first.taskUuid());
        // Same content with keys in another order is the same identity (canonical JSON).
        assertThatThrownBy(() -> tasker.createTask(TaskRequest.of("creation", "diamond")
                .context(io.tasker.json.Json.parse("{\"n\":1}")).build()))
                .isInstanceOf(DuplicateTaskException.class);
        assertThat(tasker.createTask(request("diamond", 2).build()).taskUuid()).isNotEqualTo(first.taskUuid());
    }

    @Test
    void caller_provided_identity_needs_an_idempotency_key_and_dedups_on_it() {
        assertThatThrownBy(() -> tasker.createTask(request("keyed", 1).build()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("idempotency_key is required: template creation/keyed@1.0.0 uses identity_strategy "
                        + "caller_provided");
        CreatedTask first = tasker.createTask(request("keyed", 1).idempotencyKey("order-7").build());
        assertThatThrownBy(() -> tasker.createTask(request("keyed", 2).idempotencyKey("order-7").build()))
                .isInstanceOf(DuplicateTaskException.class);
        assertThat(tasker.createTask(request("keyed", 1).idempotencyKey("order-8").build()).taskUuid())
                .isNotEqualTo(first.taskUuid());
    }

    @Test
    void always_unique_identity_never_dedups_the_same_context() {
        UUID a = tasker.createTask(request("unique", 1).build()).taskUuid();
        UUID b = tasker.createTask(request("unique", 1).build()).taskUuid();
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void many_tasks_are_created_in_one_call_and_duplicates_reported() {
        List<TaskCreator.Creation> creations = tasker.creation().createTasks(List.of(request("diamond", 10).build(),
                request("diamond", 11).build(), request("diamond", 10).build()));
        assertThat(creations.get(0)).isInstanceOf(TaskCreator.Creation.Created.class);
        assertThat(creations.get(1)).isInstanceOf(TaskCreator.Creation.Created.class);
        assertThat(creations.get(2)).isInstanceOfSatisfying(TaskCreator.Creation.Duplicate.class, d ->
                assertThat(d.existingTaskUuid()).isEqualTo(
                        ((TaskCreator.Creation.Created) creations.get(0)).task().taskUuid()));
        assertThat(jdbc.queryOne("SELECT count(*) FROM tasker.tasks", row -> row.getInt(1))).contains(2);
    }

    @Test
    void the_context_is_validated_against_the_input_schema() {
        assertThatThrownBy(() -> tasker.createTask(TaskRequest.of("creation", "diamond")
                .context(Map.of("n", -1)).build()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("context: does not match the input_schema of template creation/diamond@1.0.0")
                .hasMessageEndingWith("/n: must have a minimum value of 0");
        assertThatThrownBy(() -> tasker.createTask(TaskRequest.of("creation", "diamond")
                .context(Map.of("m", 1)).build()))
                .hasMessageContaining("/: required property 'n' not found");
        assertThat(jdbc.queryOne("SELECT count(*) FROM tasker.tasks", row -> row.getInt(1))).contains(0);
    }

    @Test
    void request_fields_are_checked_and_named() {
        assertThatThrownBy(() -> tasker.createTask(request("diamond", 1).priority(101).build()))
                .hasMessage("priority: must be between -100 and 100, got 101");
        assertThatThrownBy(() -> tasker.createTask(TaskRequest.of("Bad NS", "diamond").build()))
                .hasMessageStartingWith("namespace: ");
        assertThatThrownBy(() -> tasker.createTask(request("diamond", 1).context(List.of(1, 2)).build()))
                .hasMessage("context: must be a JSON object");
        assertThatThrownBy(() -> tasker.createTask(request("diamond", 1).tags(List.of("x".repeat(65))).build()))
                .hasMessageStartingWith("tags: ");
        assertThatThrownBy(() -> tasker.createTask(TaskRequest.of("creation", "nope").build()))
                .isInstanceOf(TemplateNotFoundException.class);
    }

    @Test
    void an_oversized_context_is_refused_as_too_large() {
        String big = "x".repeat(1024 * 1024);
        assertThatThrownBy(() -> tasker.createTask(request("diamond", 1).context(Map.of("n", 1, "blob", big)).build()))
                .isInstanceOf(PayloadTooLargeException.class)
                .hasMessageContaining("is more than the limit of 1048576 bytes");
    }
}
