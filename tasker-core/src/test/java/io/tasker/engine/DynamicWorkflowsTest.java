package io.tasker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.tasker.Tasker;
import io.tasker.TaskerBuilder;
import io.tasker.handler.BatchCursor;
import io.tasker.handler.PermanentError;
import io.tasker.handler.StepHandler;
import io.tasker.handler.StepResult;
import io.tasker.json.Json;
import io.tasker.state.TaskState;
import io.tasker.task.ExecutionContext;
import io.tasker.task.StepDetail;
import io.tasker.task.StepView;
import io.tasker.task.TaskRequest;
import io.tasker.testing.DatabaseTest;
import io.tasker.testing.Engines;
import io.tasker.testing.Invariants;
import io.tasker.testing.Templates;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;


/** Decision and batchable steps end to end: what they may create, limits, parallelism and failure strategies. */
@DatabaseTest
class DynamicWorkflowsTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static final String DECISION = Templates.decision("dynamic", "chooser").step("elsewhere", "noop", "start")
            .yaml();

    private static final String NESTED = Templates.template("dynamic", "nested").step("start", "noop")
            .step("outer", "chooser", "start").type("outer", "decision")
            .step("inner", "chooser", "outer").type("inner", "decision")
            .step("deep", "noop", "inner").yaml();

    private DataSource dataSource;
    private Tasker tasker;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();

    @BeforeEach
    void remember(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @AfterEach
    void stop() {
        if (tasker != null) {
            tasker.close();
        }
        Invariants.check(dataSource);
    }

    @Test
    void a_decision_may_only_create_declared_steps_that_depend_on_it() {
        start(Engines.fast(dataSource), DECISION, ctx -> StepResult.createSteps(List.of("nowhere")));
        StepView choose = failedStep(run("decide"), "choose");
        assertThat(choose.row().results().path("error").path("type").asString()).isEqualTo("InvalidDecisionOutcome");
        assertThat(choose.row().results().path("error").path("message").asString())
                .isEqualTo("decision step 'choose' asked for step 'nowhere', which template dynamic/decide@1.0.0 "
                        + "does not declare");
        assertThat(choose.row().attempts()).as("permanent: not retried").isEqualTo(1);

        tasker.close();
        start(Engines.fast(dataSource), DECISION, ctx -> StepResult.createSteps(List.of("elsewhere")));
        assertThat(failedStep(run("decide"), "choose").row().results().path("error").path("message").asString())
                .isEqualTo("decision step 'choose' asked for step 'elsewhere', which does not depend on it");
    }

    @Test
    void a_decision_without_an_outcome_fails_with_the_expected_shape() {
        start(Engines.fast(dataSource), DECISION, ctx -> StepResult.success(Map.of("picked", "left")));
        assertThat(failedStep(run("decide"), "choose").row().results().path("error").path("message").asString())
                .contains("must return decision_point_outcome");
    }

    @Test
    void a_decision_runs_only_the_chosen_branch_and_the_convergence_after_it() {
        start(Engines.fast(dataSource), DECISION, ctx -> StepResult.createSteps(List.of("right")));
        UUID task = run("decide");
        assertThat(tasker.awaitCompletion(task, WAIT)).isEqualTo(TaskState.COMPLETE);
        assertThat(tasker.tasks().steps(task)).extracting(StepView::name)
                .containsExactlyInAnyOrder("start", "choose", "right", "elsewhere", "join");
    }

    @Test
    void the_limits_on_decisions_are_enforced() {
        start(Engines.fast(dataSource).dynamicLimits(new DynamicLimits(1, 20, 1000)), DECISION,
                ctx -> StepResult.createSteps(List.of("left", "right")));
        assertThat(failedStep(run("decide"), "choose").row().results().path("error").path("message").asString())
                .isEqualTo("decision step 'choose' asked for 2 steps; at most 1 per decision");

        tasker.close();
        start(Engines.fast(dataSource).dynamicLimits(new DynamicLimits(100, 1, 1000)), NESTED,
                ctx -> StepResult.createSteps(List.of(ctx.stepName().equals("outer") ? "inner" : "deep")));
        UUID task = run("nested");
        assertThat(tasker.awaitCompletion(task, WAIT)).isEqualTo(TaskState.ERROR);
        assertThat(tasker.tasks().step(task, "outer").orElseThrow().state().dbValue()).isEqualTo("complete");
        assertThat(failedStep(task, "inner").row().results().path("error").path("message").asString())
                .isEqualTo("decision step 'inner' is nested 2 decisions deep; at most 1 are allowed");
    }

    @Test
    void a_batchable_step_asking_for_no_workers_or_too_many_fails_clearly() {
        String template = batchTemplate("continue_on_failure", 10);
        start(Engines.fast(dataSource), template, ctx -> StepResult.success(Json.parse("""
                {"batch_processing_outcome": {"type": "create_batches", "worker_count": 0, "cursor_configs": []}}
                """)));
        assertThat(failedStep(run("batch"), "split").row().results().path("error").path("message").asString())
                .isEqualTo("batchable step 'split' asked for 0 batch workers; create_batches needs at least 1 "
                        + "(return no_batches when there is nothing to do)");

        tasker.close();
        start(Engines.fast(dataSource), template, ctx -> StepResult.createBatches(BatchCursor.split(100_000, 1),
                null));
        StepView split = failedStep(run("batch"), "split");
        assertThat(split.row().results().path("error").path("type").asString()).isEqualTo("InvalidBatchOutcome");
        assertThat(split.row().results().path("error").path("message").asString())
                .isEqualTo("batchable step 'split' asked for 100000 batch workers; at most 1000 per batchable step");
    }

    @Test
    void a_thousand_batch_workers_run_and_the_convergence_gets_every_result() {
        start(Engines.fast(dataSource).concurrency(64), batchTemplate("continue_on_failure", 1000),
                ctx -> StepResult.batchesOf(1000, Map.of("total", 1000)));
        UUID task = run("batch");
        assertThat(tasker.awaitCompletion(task, Duration.ofSeconds(120))).isEqualTo(TaskState.COMPLETE);
        JsonNode gathered = tasker.tasks().step(task, "gather").orElseThrow().row().results();
        assertThat(gathered.path("workers").asInt()).isEqualTo(1000);
        assertThat(gathered.path("items").asLong()).isEqualTo(1000);
        assertThat(tasker.tasks().steps(task)).hasSize(1002);
    }

    @Test
    void no_more_batch_workers_run_at_once_than_the_batch_allows() {
        start(Engines.fast(dataSource).concurrency(16), batchTemplate("continue_on_failure", 2),
                ctx -> StepResult.createBatches(BatchCursor.split(8, 1), null));
        UUID task = run("batch");
        assertThat(tasker.awaitCompletion(task, WAIT)).isEqualTo(TaskState.COMPLETE);
        assertThat(mostAtOnce.get()).isBetween(1, 2);
        assertThat(tasker.tasks().step(task, "gather").orElseThrow().row().results().path("workers").asInt())
                .isEqualTo(8);
    }

    @Test
    void continue_on_failure_lets_the_other_workers_and_the_convergence_run() {
        start(Engines.fast(dataSource), batchTemplate("continue_on_failure", 1),
                ctx -> StepResult.createBatches(BatchCursor.split(4, 1), null));
        UUID task = run("batch", Map.of("fail_batch", "002"));
        assertThat(tasker.awaitCompletion(task, WAIT)).isEqualTo(TaskState.COMPLETE);
        assertThat(state(task, "work_002")).isEqualTo("error");
        assertThat(state(task, "work_003")).isEqualTo("complete");
        JsonNode gathered = tasker.tasks().step(task, "gather").orElseThrow().row().results();
        assertThat(gathered.path("workers").asInt()).isEqualTo(3);
        assertThat(gathered.path("failed").toString()).isEqualTo("[\"work_002\"]");
    }

    @Test
    void the_read_side_counts_a_tolerated_batch_failure_as_done_as_the_engine_does() {
        start(Engines.fast(dataSource), batchTemplate("continue_on_failure", 1),
                ctx -> StepResult.createBatches(BatchCursor.split(4, 1), null));
        UUID task = run("batch", Map.of("fail_batch", "002"));
        assertThat(tasker.awaitCompletion(task, WAIT)).isEqualTo(TaskState.COMPLETE);

        StepDetail gather = tasker.queries().steps(task).stream().filter(s -> s.name().equals("gather"))
                .findFirst().orElseThrow();
        assertThat(gather.dependenciesSatisfied()).isTrue();
        assertThat(gather.completedParents()).isEqualTo(gather.totalParents());
        ExecutionContext context = tasker.queries().executionContext(task);
        assertThat(context.failedSteps()).isZero();
        assertThat(context.completedSteps()).isEqualTo(context.totalSteps());
        assertThat(context.executionStatus()).isEqualTo("all_complete");
        assertThat(context.healthStatus()).isEqualTo("healthy");
    }

    @Test
    void fail_fast_starts_no_further_worker_after_a_failure() {
        start(Engines.fast(dataSource), batchTemplate("fail_fast", 1),
                ctx -> StepResult.createBatches(BatchCursor.split(4, 1), null));
        UUID task = run("batch", Map.of("fail_batch", "001"));
        assertThat(tasker.awaitCompletion(task, WAIT)).isEqualTo(TaskState.ERROR);
        assertThat(state(task, "work_001")).isEqualTo("error");
        assertThat(List.of(state(task, "work_002"), state(task, "work_003"), state(task, "work_004"),
                state(task, "gather"))).containsOnly("pending");
    }

    @Test
    void isolate_runs_the_siblings_but_not_the_convergence() {
        start(Engines.fast(dataSource), batchTemplate("isolate", 1),
                ctx -> StepResult.createBatches(BatchCursor.split(4, 1), null));
        UUID task = run("batch", Map.of("fail_batch", "001"));
        assertThat(tasker.awaitCompletion(task, WAIT)).isEqualTo(TaskState.ERROR);
        assertThat(state(task, "work_001")).isEqualTo("error");
        assertThat(List.of(state(task, "work_002"), state(task, "work_003"), state(task, "work_004")))
                .containsOnly("complete");
        assertThat(state(task, "gather")).isEqualTo("pending");
    }

    @Test
    void no_batches_runs_the_convergence_at_once() {
        start(Engines.fast(dataSource), batchTemplate("continue_on_failure", 10), ctx -> StepResult.noBatches());
        UUID task = run("batch");
        assertThat(tasker.awaitCompletion(task, WAIT)).isEqualTo(TaskState.COMPLETE);
        assertThat(tasker.tasks().steps(task)).extracting(StepView::name).containsExactlyInAnyOrder("split",
                "gather");
        assertThat(tasker.tasks().step(task, "gather").orElseThrow().row().results().path("workers").asInt())
                .isZero();
    }

    private static String batchTemplate(String failureStrategy, int parallelism) {
        return Templates.batch("dynamic", "splitter", "worker", "gatherer", parallelism, failureStrategy)
                .options("work", "retry: {max_attempts: 1}").yaml();
    }

    /** Starts an engine with the template; {@code decider} is the decision or batchable step's handler. */
    private void start(TaskerBuilder builder, String template, StepHandler decider) {
        StepHandler worker = ctx -> {
            int now = running.incrementAndGet();
            mostAtOnce.accumulateAndGet(now, Math::max);
            try {
                Thread.sleep(20);
                BatchCursor cursor = ctx.batchCursor().orElseThrow();
                if (cursor.batchId().equals(ctx.taskContext().path("fail_batch").asString(""))) {
                    throw new PermanentError("batch " + cursor.batchId() + " is broken");
                }
                return StepResult.success(Map.of("items", cursor.batchSize()));
            } finally {
                running.decrementAndGet();
            }
        };
        StepHandler gatherer = ctx -> {
            int workers = 0;
            long items = 0;
            List<String> failed = new java.util.ArrayList<>();
            for (Map.Entry<String, JsonNode> result : new java.util.TreeMap<>(ctx.dependencyResults()).entrySet()) {
                if (!result.getKey().startsWith("work_")) {
                    continue;
                }
                if (result.getValue().has("error")) {
                    failed.add(result.getKey());
                } else {
                    workers++;
                    items += result.getValue().path("items").asLong();
                }
            }
            return StepResult.success(Map.of("workers", workers, "items", items, "failed", failed));
        };
        tasker = builder.handler("chooser", decider).handler("splitter", decider).handler("worker", worker)
                .handler("gatherer", gatherer).template(template).start();
    }

    private UUID run(String name) {
        return run(name, Map.of());
    }

    private UUID run(String name, Map<String, Object> context) {
        return tasker.createTask(TaskRequest.of("dynamic", name).context(context).build()).taskUuid();
    }

    private StepView failedStep(UUID task, String step) {
        assertThat(tasker.awaitCompletion(task, WAIT)).isEqualTo(TaskState.ERROR);
        StepView view = tasker.tasks().step(task, step).orElseThrow();
        assertThat(view.state().dbValue()).isEqualTo("error");
        return view;
    }

    private String state(UUID task, String step) {
        return tasker.tasks().step(task, step).orElseThrow().state().dbValue();
    }
}
