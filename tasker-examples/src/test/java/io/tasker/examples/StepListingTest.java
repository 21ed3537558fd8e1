package io.tasker.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tasker.Tasker;
import io.tasker.handler.StepResult;
import io.tasker.state.TaskState;
import io.tasker.task.StepDetail;
import io.tasker.task.TaskRequest;
import io.tasker.template.StepTemplate;
import io.tasker.template.TaskTemplate;
import io.tasker.testing.Engines;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The steps listing's {@code depends_on} (the API's and the CLI's) says what the template says: for every step,
 * the steps of the task made from its template dependencies (a batch worker template's workers), nothing else. The
 * edges the engine adds so that a convergence step waits for a decision or batch still undecided are listed apart,
 * in {@code waits_for}, and only while they matter to no one: they are not template dependencies.
 */
class StepListingTest extends WithExampleEngine {

    private static final Duration WAIT = Duration.ofSeconds(60);

    /** A decision and a batch, both feeding one convergence step: which decides first changes the engine's edges. */
    static final String DECISION_AND_BATCH = """
            name: decide_and_split
            namespace_name: listing
            version: 1.0.0
            identity_strategy: always_unique
            steps:
              - {name: start, handler: {callable: noop}}
              - {name: route, type: decision, depends_on: [start], handler: {callable: route}}
              - {name: fast, depends_on: [route], handler: {callable: noop}}
              - {name: slow, depends_on: [route], handler: {callable: noop}}
              - name: split
                type: batchable
                depends_on: [start]
                handler: {callable: split}
                batch_config: {worker_template: work, batch_size: 10}
              - {name: work, type: batch_worker, depends_on: [split], handler: {callable: noop}}
              - {name: join, type: deferred_convergence, depends_on: [fast, slow, work], handler: {callable: noop}}
              - {name: report, depends_on: [join], handler: {callable: noop}}
              - {name: audit, depends_on: [start], handler: {callable: noop}}
            """;

    @Test
    void every_example_shape_lists_the_dependencies_of_its_template() {
        List<UUID> tasks = new ArrayList<>();
        Map<String, Object> even = Map.of("even_number", 2);
        tasks.add(run(TaskRequest.of("linear_workflow", "mathematical_sequence").context(even)));
        tasks.add(run(TaskRequest.of("diamond_workflow", "diamond_pattern").context(even)));
        tasks.add(run(TaskRequest.of("tree_workflow", "hierarchical_tree").context(even)));
        tasks.add(run(TaskRequest.of("mixed_dag_workflow", "complex_dag").context(even)));
        tasks.add(run(TaskRequest.of("retry_workflows", "retry_then_succeed").context(even)));
        tasks.add(run(TaskRequest.of("retry_workflows", "retry_exhaustion").context(even)));
        tasks.add(run(TaskRequest.of("order_fulfillment", "business_workflow").context(Map.of("order_id", "o-1",
                "payment_token", "tok_visa", "items", List.of(Map.of("sku", "A", "quantity", 1, "price_cents", 5))))
                .idempotencyKey("o-1")));
        for (double amount : new double[] {250, 2_500, 12_000}) {
            tasks.add(run(TaskRequest.of("conditional_approval", "approval_routing")
                    .context(Map.of("amount", amount, "requester", "ada"))));
        }
        tasks.add(run(TaskRequest.of("csv_batch", "csv_sales_totals")));

        for (UUID task : tasks) {
            assertListingMatchesTemplate(tasker, task);
        }
    }

    @Test
    void a_convergence_after_a_decision_and_a_batch_lists_the_same_parents_whichever_decides_first() {
        tasker.close();
        CountDownLatch[] routeMayDecide = {new CountDownLatch(1)};
        CountDownLatch[] splitMaySplit = {new CountDownLatch(1)};
        try (Tasker engine = Engines.fast(dataSource)
                .handler("route", ctx -> {
                    routeMayDecide[0].await(60, TimeUnit.SECONDS);
                    return StepResult.createSteps(List.of("fast"));
                })
                .handler("split", ctx -> {
                    splitMaySplit[0].await(60, TimeUnit.SECONDS);
                    return StepResult.batchesOf(25, Map.of());
                })
                .template(DECISION_AND_BATCH).start()) {
            Map<String, List<String>> decisionFirst = runInOrder(engine, routeMayDecide[0], "route",
                    splitMaySplit[0]);
            routeMayDecide[0] = new CountDownLatch(1);
            splitMaySplit[0] = new CountDownLatch(1);
            Map<String, List<String>> batchFirst = runInOrder(engine, splitMaySplit[0], "split", routeMayDecide[0]);

            assertThat(decisionFirst.get("join")).containsExactly("fast", "work_001", "work_002", "work_003");
            assertThat(batchFirst).isEqualTo(decisionFirst);
        }
        tasker = Engines.fast(dataSource).start();
    }

    /** Lets {@code first} decide, waits until it has, then lets the other one; returns the final listing. */
    private Map<String, List<String>> runInOrder(Tasker engine, CountDownLatch first, String firstStep,
                                                 CountDownLatch second) {
        UUID task = engine.createTask(TaskRequest.of("listing", "decide_and_split").build()).taskUuid();
        first.countDown();
        await().atMost(WAIT).until(() -> engine.tasks().step(task, firstStep).orElseThrow().state()
                .satisfiesDependency());
        second.countDown();
        assertThat(engine.awaitCompletion(task, WAIT)).isEqualTo(TaskState.COMPLETE);
        assertListingMatchesTemplate(engine, task);
        Map<String, List<String>> listing = new TreeMap<>();
        engine.queries().steps(task).forEach(step -> listing.put(step.name(), step.dependsOn()));
        return listing;
    }

    private UUID run(TaskRequest.Builder request) {
        UUID task = tasker.createTask(request.build()).taskUuid();
        assertThat(tasker.awaitCompletion(task, WAIT).isTerminal()).isTrue();
        return task;
    }

    /** depends_on of every step is exactly the steps made from its template dependencies, in name order. */
    static void assertListingMatchesTemplate(Tasker engine, UUID task) {
        List<StepDetail> steps = engine.queries().steps(task);
        TaskTemplate template = engine.templates().get(engine.tasks().get(task).template()).template();
        Map<String, List<String>> instances = new TreeMap<>();
        for (StepDetail step : steps) {
            instances.computeIfAbsent(templateStep(step), s -> new ArrayList<>()).add(step.name());
        }
        for (StepDetail step : steps) {
            StepTemplate declared = template.step(templateStep(step)).orElseThrow();
            List<String> expected = declared.dependencies().stream()
                    .flatMap(dependency -> instances.getOrDefault(dependency, List.of()).stream()).sorted().toList();
            assertThat(step.dependsOn()).as(template.key() + " step " + step.name()).isEqualTo(expected);
        }
    }

    private static String templateStep(StepDetail step) {
        return step.row().inputs() != null && step.row().inputs().has("template_step_name")
                ? step.row().inputs().path("template_step_name").asString() : step.name();
    }
}
