package io.tasker.subtask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tasker.Tasker;
import io.tasker.handler.StepResult;
import io.tasker.state.TaskState;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.task.TaskRequest;
import io.tasker.task.TaskView;
import io.tasker.testing.DatabaseTest;
import io.tasker.testing.Engines;
import io.tasker.testing.Invariants;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code subtask} steps: the child's input, its result, its failure, and the cancel that cascades to it. */
@DatabaseTest
class SubtasksTest {

    static final String PARENT = """
            name: order
            namespace_name: subtasks
            version: 1.0.0
            identity_strategy: always_unique
            steps:
              - {name: prepare, handler: {callable: prepare}}
              - name: charge
                type: subtask
                dependencies: [prepare]
                subtask:
                  namespace: subtasks
                  name: payment
                  context: {customer: $.context.customer, amount: $.results.prepare.amount, currency: EUR}
              - {name: after, handler: {callable: echo}, dependencies: [charge]}
            """;

    static final String CHILD = """
            name: payment
            namespace_name: subtasks
            version: 1.0.0
            identity_strategy: always_unique
            steps:
              - {name: authorize, handler: {callable: pay}}
              - {name: capture, handler: {callable: pay}, dependencies: [authorize]}
            """;

    private final CountDownLatch hold = new CountDownLatch(1);
    private DataSource dataSource;
    private Jdbc jdbc;
    private Tasker tasker;

    @BeforeEach
    void start(DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = new Jdbc(dataSource);
        tasker = Engines.fast(dataSource)
                .handler("prepare", ctx -> StepResult.success(Map.of("amount", 42)))
                .handler("pay", ctx -> {
                    JsonNode input = ctx.taskContext();
                    if (input.path("customer").asString().equals("slow")) {
                        hold.await();
                    }
                    if (input.path("customer").asString().equals("broke")) {
                        return StepResult.permanentFailure("card declined");
                    }
                    return StepResult.success(Map.of("paid", input.path("amount").asInt(), "step", ctx.stepName()));
                })
                .template(CHILD).template(PARENT).start();
    }

    @AfterEach
    void stop() {
        hold.countDown();
        tasker.close();
    }

    private UUID order(String customer) {
        return tasker.createTask(TaskRequest.of("subtasks", "order").context(Map.of("customer", customer)).build())
                .taskUuid();
    }

    private Optional<UUID> childOf(UUID parent) {
        UUID correlation = tasker.tasks().get(parent).row().correlationId();
        return jdbc.queryOne("SELECT task_uuid FROM tasker.tasks WHERE parent_correlation_id = ?",
                row -> row.getObject(1, UUID.class), correlation);
    }

    @Test
    void the_step_starts_the_child_with_its_input_and_completes_with_its_result() {
        UUID parent = order("ada");
        assertThat(tasker.awaitCompletion(parent, Duration.ofSeconds(60))).isEqualTo(TaskState.COMPLETE);

        UUID child = childOf(parent).orElseThrow();
        TaskView childTask = tasker.tasks().get(child);
        assertThat(childTask.row().context().path("customer").asString()).isEqualTo("ada");
        assertThat(childTask.row().context().path("amount").asInt()).isEqualTo(42);
        assertThat(childTask.row().context().path("currency").asString()).isEqualTo("EUR");
        JsonNode result = tasker.tasks().step(parent, "charge").orElseThrow().row().results();
        assertThat(result.path("task_uuid").asString()).isEqualTo(child.toString());
        assertThat(result.path("state").asString()).isEqualTo("complete");
        assertThat(result.path("results").path("capture").path("paid").asInt()).isEqualTo(42);
        assertThat(result.path("results").has("authorize")).as("only the child's last steps").isFalse();
        Invariants.check(dataSource);
    }

    @Test
    void a_failed_child_fails_the_step() {
        UUID parent = order("broke");
        assertThat(tasker.awaitCompletion(parent, Duration.ofSeconds(60))).isEqualTo(TaskState.ERROR);
        assertThat(tasker.tasks().step(parent, "charge").orElseThrow().row().results().path("error").path("type")
                .asString()).isEqualTo("SubtaskFailed");
        assertThat(tasker.tasks().state(childOf(parent).orElseThrow())).contains(TaskState.ERROR);
    }

    @Test
    void cancelling_the_parent_cancels_the_child() {
        UUID parent = order("slow");
        await().atMost(Duration.ofSeconds(30)).until(() -> !tasker.parkedSteps().waiting(parent).isEmpty());
        UUID child = childOf(parent).orElseThrow();

        tasker.cancel(parent, "changed my mind", "test");

        assertThat(tasker.tasks().state(child)).contains(TaskState.CANCELLED);
        Invariants.check(dataSource);
    }
}
