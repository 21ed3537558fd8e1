package io.tasker.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tasker.Tasker;
import io.tasker.handler.StepResult;
import io.tasker.state.TaskState;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.task.TaskRequest;
import io.tasker.testing.DatabaseTest;
import io.tasker.testing.Engines;
import io.tasker.testing.Invariants;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
 * Concurrency keys and rate limits, enforced in the claim: per key value across engines, a backlog of one key never
 * holding back another, task scope counting tasks from their first step to their end, rates as token buckets.
 */
@DatabaseTest
class ThrottledClaimsTest {

    static final String PER_STEP = """
            name: per_customer
            namespace_name: throttled
            version: 1.0.0
            identity_strategy: always_unique
            steps:
              - {name: call, handler: {callable: call}, concurrency: {key: $.context.customer, limit: 1}}
            """;

    static final String PER_TASK = """
            name: one_task_per_customer
            namespace_name: throttled
            version: 1.0.0
            identity_strategy: always_unique
            concurrency: {key: $.context.customer, limit: 1}
            steps:
              - {name: first, handler: {callable: call}}
              - {name: second, handler: {callable: call}, dependencies: [first]}
            """;

    static final String RATED = """
            name: rated
            namespace_name: throttled
            version: 1.0.0
            identity_strategy: always_unique
            steps:
              - {name: send, handler: {callable: noop}, rate_limit: {key: $.context.customer, per_second: 1}}
            """;

    private final Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> most = new ConcurrentHashMap<>();
    private final CountDownLatch gate = new CountDownLatch(1);

    private StepResult call(String customer, boolean gated) throws InterruptedException {
        int now = running.computeIfAbsent(customer, c -> new AtomicInteger()).incrementAndGet();
        most.computeIfAbsent(customer, c -> new AtomicInteger()).accumulateAndGet(now, Math::max);
        try {
            if (gated) {
                gate.await();
            } else {
                Thread.sleep(5);
            }
            return StepResult.success(Map.of());
        } finally {
            running.get(customer).decrementAndGet();
        }
    }

    /** Steps of {@code gatedCustomer} other than a task's {@code first} wait for the gate. */
    private Tasker engine(DataSource dataSource, String gatedCustomer) {
        return Engines.fast(dataSource).pollInterval(Duration.ofMillis(100))
                .handler("call", ctx -> {
                    String customer = ctx.taskContext().path("customer").asString();
                    return call(customer, customer.equals(gatedCustomer) && !ctx.stepName().equals("first"));
                })
                .template(PER_STEP).template(PER_TASK).template(RATED).start();
    }

    @Test
    void a_key_at_its_limit_waits_while_other_keys_run_on_across_engines(DataSource dataSource) {
        try (Tasker one = engine(dataSource, "busy"); Tasker two = engine(dataSource, "busy")) {
            List<UUID> busy = new ArrayList<>();
            List<UUID> others = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                busy.add(one.createTask(TaskRequest.of("throttled", "per_customer")
                        .context(Map.of("customer", "busy")).build()).taskUuid());
            }
            for (int i = 0; i < 10; i++) {
                others.add(one.createTask(TaskRequest.of("throttled", "per_customer")
                        .context(Map.of("customer", "c" + (i % 3))).build()).taskUuid());
            }
            for (UUID task : others) {
                assertThat(two.awaitCompletion(task, Duration.ofSeconds(60))).isEqualTo(TaskState.COMPLETE);
            }
            Jdbc jdbc = new Jdbc(dataSource);
            assertThat(jdbc.queryOne("SELECT count(*) FILTER (WHERE current_state = 'in_progress') || '/' "
                    + "|| count(*) FILTER (WHERE current_state = 'enqueued') FROM tasker.workflow_steps "
                    + "WHERE throttle_key = 'throttled/per_customer/call=busy'", row -> row.getString(1)))
                    .as("one running, the backlog waiting").contains("1/5");

            gate.countDown();
            for (UUID task : busy) {
                assertThat(one.awaitCompletion(task, Duration.ofSeconds(60))).isEqualTo(TaskState.COMPLETE);
            }
            assertThat(most.get("busy").get()).isEqualTo(1);
            most.forEach((customer, max) -> assertThat(max.get()).as(customer).isEqualTo(1));
            Invariants.check(dataSource);
        }
    }

    @Test
    void a_task_scope_limit_lets_one_task_of_a_key_run_from_its_first_step_to_its_end(DataSource dataSource) {
        try (Tasker tasker = engine(dataSource, "serial")) {
            UUID first = tasker.createTask(TaskRequest.of("throttled", "one_task_per_customer")
                    .context(Map.of("customer", "serial")).build()).taskUuid();
            await().atMost(Duration.ofSeconds(30)).until(() -> running.getOrDefault("serial", new AtomicInteger())
                    .get() == 1);
            UUID second = tasker.createTask(TaskRequest.of("throttled", "one_task_per_customer")
                    .context(Map.of("customer", "serial")).build()).taskUuid();
            UUID other = tasker.createTask(TaskRequest.of("throttled", "one_task_per_customer")
                    .context(Map.of("customer", "free")).build()).taskUuid();
            assertThat(tasker.awaitCompletion(other, Duration.ofSeconds(30))).isEqualTo(TaskState.COMPLETE);
            assertThat(tasker.tasks().step(second, "first").orElseThrow().row().currentState())
                    .as("the second task has not started while the first holds the key").isEqualTo("enqueued");

            gate.countDown();
            assertThat(tasker.awaitCompletion(first, Duration.ofSeconds(30))).isEqualTo(TaskState.COMPLETE);
            assertThat(tasker.awaitCompletion(second, Duration.ofSeconds(30))).isEqualTo(TaskState.COMPLETE);
            Jdbc jdbc = new Jdbc(dataSource);
            assertThat(jdbc.queryOne("SELECT (SELECT min(s.last_attempted_at) FROM tasker.workflow_steps s "
                    + "WHERE s.task_uuid = ?) >= (SELECT completed_at FROM tasker.tasks WHERE task_uuid = ?)",
                    row -> row.getBoolean(1), second, first)).contains(true);
            assertThat(jdbc.queryOne("SELECT count(*) FROM tasker.task_slots", row -> row.getInt(1)))
                    .as("finished tasks gave their slots back").contains(0);
        }
    }

    @Test
    void a_rate_limit_hands_out_one_seconds_worth_of_starts_per_second(DataSource dataSource) {
        Jdbc jdbc = new Jdbc(dataSource);
        try (Tasker creator = Engines.fast(dataSource).runWorkers(false).runMaintenance(false).template(RATED)
                .start()) {
            for (int i = 0; i < 3; i++) {
                creator.createTask(TaskRequest.of("throttled", "rated").context(Map.of("customer", "r")).build());
            }
            creator.createTask(TaskRequest.of("throttled", "rated").context(Map.of("customer", "other")).build());
            Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            assertThat(claim(jdbc, t0)).as("one token for r, one for other").isEqualTo(2);
            assertThat(claim(jdbc, t0.plusMillis(400))).as("no token yet").isZero();
            assertThat(claim(jdbc, t0.plusMillis(1000))).as("a second later, one more").isEqualTo(1);
            assertThat(claim(jdbc, t0.plusMillis(5000))).as("the bucket holds one second's worth").isEqualTo(1);
        }
    }

    private static int claim(Jdbc jdbc, Instant at) {
        return jdbc.query("SELECT workflow_step_uuid FROM tasker.claim_steps(NULL, false, 10, ?, ?, 'test')",
                row -> row.getObject(1, UUID.class), at, at.plusSeconds(30)).size();
    }
}
