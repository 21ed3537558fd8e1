package io.tasker.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.tasker.Tasker;
import io.tasker.TaskerBuilder;
import io.tasker.engine.EngineEvents;
import io.tasker.handler.StepResult;
import io.tasker.state.TaskState;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.store.rows.WorkflowStepTransitionRow;
import io.tasker.task.TaskRequest;
import io.tasker.testing.DatabaseTest;
import io.tasker.testing.Engines;
import io.tasker.testing.Invariants;
import io.tasker.testing.Templates;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Eager dispatch: the transaction that records a result claims the steps it made ready for its own engine. The crash
 * case (the engine dies after such a claim) is {@link EagerDispatchCrashTest}.
 */
@DatabaseTest
class EagerDispatchTest {

    private static final String CHAIN = Templates.chain("eager", "count", "count", "count", "count").yaml();
    private static final String DIAMOND = Templates.diamond("eager_diamond", "count").yaml();

    /** A chain whose second step has a concurrency key: at most one running per customer. */
    private static final String KEYED = """
            name: keyed_chain
            namespace_name: eager_keyed
            version: 1.0.0
            identity_strategy: always_unique
            steps:
              - {name: first, handler: {callable: noop}}
              - {name: second, handler: {callable: gated}, dependencies: [first],
                 concurrency: {key: $.context.customer, limit: 1}}
            """;

    private final Map<UUID, AtomicInteger> runs = new ConcurrentHashMap<>();
    private final AtomicInteger eagerly = new AtomicInteger();
    private final AtomicInteger claimedByStatement = new AtomicInteger();

    private final EngineEvents events = new EngineEvents() {
        @Override
        public void dispatchedEagerly(int steps) {
            eagerly.addAndGet(steps);
        }

        @Override
        public void claimed(Duration latency, int steps) {
            claimedByStatement.addAndGet(steps);
        }
    };

    private TaskerBuilder engine(DataSource dataSource) {
        return Engines.fast(dataSource).eagerDispatch(true).events(events).handler("count", ctx -> {
            runs.computeIfAbsent(ctx.stepUuid(), s -> new AtomicInteger()).incrementAndGet();
            return StepResult.success(Map.of("ok", true));
        }).template(CHAIN).template(DIAMOND);
    }

    @Test
    void each_step_of_a_chain_after_the_first_is_claimed_by_the_transaction_of_its_parents_result(DataSource ds) {
        try (Tasker tasker = engine(ds).start()) {
            UUID task = tasker.createTask(TaskRequest.of("eager", "chain").build()).taskUuid();
            assertThat(tasker.awaitCompletion(task, Duration.ofSeconds(30))).isEqualTo(TaskState.COMPLETE);
            assertThat(eagerly.get()).as("second, third and fourth").isEqualTo(3);
            assertThat(claimedByStatement.get()).as("only the first step by claim_steps").isEqualTo(1);
            UUID second = tasker.tasks().step(task, "second").orElseThrow().row().workflowStepUuid();
            List<WorkflowStepTransitionRow> rows = tasker.tasks().stepTransitions(second);
            assertThat(rows).extracting(WorkflowStepTransitionRow::fromState, WorkflowStepTransitionRow::states)
                    .as("the uncommitted enqueue is one row with the claim: pending -> in_progress via enqueued")
                    .containsExactly(tuple(null, List.of("pending")),
                            tuple("pending", List.of("enqueued", "in_progress")),
                            tuple("in_progress", List.of("enqueued_for_orchestration", "complete")));
            assertThat(rows.get(1).metadata().path("dispatch").asString()).isEqualTo("eager");
        }
        assertThat(runs.values()).hasSize(4).allMatch(count -> count.get() == 1);
        Invariants.check(ds);
    }

    @Test
    void many_tasks_on_two_engines_run_every_step_once(DataSource dataSource) {
        List<UUID> tasks = new ArrayList<>();
        try (Tasker one = engine(dataSource).start(); Tasker two = engine(dataSource).start()) {
            for (int i = 0; i < 40; i++) {
                tasks.add((i % 2 == 0 ? one : two).createTask(TaskRequest.of("eager_diamond", "diamond").build())
                        .taskUuid());
            }
            for (UUID task : tasks) {
                assertThat(one.awaitCompletion(task, Duration.ofSeconds(60))).isEqualTo(TaskState.COMPLETE);
            }
        }
        assertThat(runs).as("every step ran").hasSize(40 * 4);
        assertThat(runs.values()).as("and ran once").allMatch(count -> count.get() == 1);
        assertThat(eagerly.get()).as("children of results were dispatched eagerly").isPositive();
        assertThat(new Jdbc(dataSource).queryOne("SELECT count(*) FROM tasker.workflow_steps WHERE attempts <> 1",
                row -> row.getInt(1))).contains(0);
        Invariants.check(dataSource);
    }

    @Test
    void turned_off_every_step_waits_for_a_claim(DataSource dataSource) {
        try (Tasker tasker = engine(dataSource).eagerDispatch(false).start()) {
            UUID task = tasker.createTask(TaskRequest.of("eager", "chain").build()).taskUuid();
            assertThat(tasker.awaitCompletion(task, Duration.ofSeconds(30))).isEqualTo(TaskState.COMPLETE);
            UUID second = tasker.tasks().step(task, "second").orElseThrow().row().workflowStepUuid();
            assertThat(tasker.tasks().stepTransitions(second)).extracting(WorkflowStepTransitionRow::toState)
                    .containsExactly("pending", "enqueued", "in_progress", "complete");
        }
        assertThat(eagerly.get()).isZero();
        assertThat(claimedByStatement.get()).isEqualTo(4);
        Invariants.check(dataSource);
    }

    @Test
    void a_child_with_a_concurrency_key_is_left_to_the_claim_which_keeps_its_limit(DataSource dataSource)
            throws InterruptedException {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch gate = new CountDownLatch(1);
        List<UUID> tasks = new ArrayList<>();
        try (Tasker tasker = Engines.fast(dataSource).events(events).pollInterval(Duration.ofMillis(100))
                .handler("noop", ctx -> StepResult.success(Map.of()))
                .handler("gated", ctx -> {
                    most.accumulateAndGet(running.incrementAndGet(), Math::max);
                    try {
                        gate.await();
                        return StepResult.success(Map.of());
                    } finally {
                        running.decrementAndGet();
                    }
                }).template(KEYED).start()) {
            for (int i = 0; i < 4; i++) {
                tasks.add(tasker.createTask(TaskRequest.of("eager_keyed", "keyed_chain")
                        .context(Map.of("customer", "acme")).build()).taskUuid());
            }
            Jdbc jdbc = new Jdbc(dataSource);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryOne(
                    "SELECT count(*) FROM tasker.workflow_steps WHERE current_state IN ('enqueued', 'in_progress') "
                            + "AND throttle_key IS NOT NULL", row -> row.getInt(1)).orElse(0) == 4);
            Thread.sleep(300); // claim rounds come and go; the limit holds
            assertThat(running.get()).as("at most one of the key's four steps runs").isLessThanOrEqualTo(1);
            gate.countDown();
            for (UUID task : tasks) {
                assertThat(tasker.awaitCompletion(task, Duration.ofSeconds(30))).isEqualTo(TaskState.COMPLETE);
            }
        }
        assertThat(most.get()).as("never two at once for the key").isEqualTo(1);
        assertThat(eagerly.get()).as("keyed children are not dispatched eagerly").isZero();
        Invariants.check(dataSource);
    }
}
