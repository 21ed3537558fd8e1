package io.tasker.engine.decision;

import static org.assertj.core.api.Assertions.assertThat;

import io.tasker.handler.BatchCursor;
import io.tasker.json.Json;
import io.tasker.state.StepState;
import io.tasker.template.TaskTemplate;
import io.tasker.template.TemplateParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pure planning of what decision and batch outcomes add to a task. */
class StepExpansionTest {

    /** validate -> route (decision) -> {auto | manager -> notify | finance} -> finalize (convergence) -> archive. */
    static final TaskTemplate APPROVAL = TemplateParser.parseYaml("""
            name: approval
            namespace_name: expansion
            version: 1.0.0
            steps:
              - {name: validate, handler: {callable: h}}
              - {name: route, type: decision, depends_on: [validate], handler: {callable: h}}
              - {name: auto, depends_on: [route], handler: {callable: h}}
              - {name: manager, depends_on: [route], handler: {callable: h}}
              - {name: notify, depends_on: [manager], handler: {callable: h}}
              - {name: finance, depends_on: [route], handler: {callable: h}}
              - name: finalize
                type: deferred_convergence
                depends_on: [auto, notify, finance]
                handler: {callable: h}
              - {name: archive, depends_on: [finalize], handler: {callable: h}}
            """);

    /** start -> outer (decision) -> {inner (decision) -> deep | plain} ; both feed join (convergence). */
    static final TaskTemplate NESTED = TemplateParser.parseYaml("""
            name: nested
            namespace_name: expansion
            version: 1.0.0
            steps:
              - {name: start, handler: {callable: h}}
              - {name: outer, type: decision, depends_on: [start], handler: {callable: h}}
              - {name: inner, type: decision, depends_on: [outer], handler: {callable: h}}
              - {name: plain, depends_on: [outer], handler: {callable: h}}
              - {name: deep, depends_on: [inner], handler: {callable: h}}
              - {name: join, type: deferred_convergence, depends_on: [plain, deep], handler: {callable: h}}
            """);

    static final TaskTemplate BATCH = TemplateParser.parseYaml("""
            name: batch
            namespace_name: expansion
            version: 1.0.0
            steps:
              - name: split
                type: batchable
                handler: {callable: h}
                batch_config: {batch_size: 10, parallelism: 2, worker_template: work, failure_strategy: isolate}
              - {name: work, type: batch_worker, depends_on: [split], handler: {callable: h}}
              - {name: gather, type: deferred_convergence, depends_on: [work], handler: {callable: h}}
              - {name: report, depends_on: [gather], handler: {callable: h}}
            """);

    @Test
    void a_decision_creates_its_chosen_branches_and_what_follows_them() {
        StepExpansion.Expansion expansion = plan(APPROVAL, existing("validate", "route"), "route",
                new DynamicOutcome.CreateSteps(List.of("manager")));

        assertThat(names(expansion)).containsExactly("manager", "notify", "finalize", "archive");
        assertThat(edges(expansion)).containsExactlyInAnyOrder("route->manager", "manager->notify",
                "notify->finalize", "finalize->archive");
    }

    @Test
    void the_convergence_waits_for_every_created_branch_and_only_those() {
        StepExpansion.Expansion expansion = plan(APPROVAL, existing("validate", "route"), "route",
                new DynamicOutcome.CreateSteps(List.of("manager", "finance")));

        assertThat(names(expansion)).containsExactlyInAnyOrder("manager", "notify", "finance", "finalize", "archive");
        assertThat(edges(expansion)).contains("notify->finalize", "finance->finalize")
                .doesNotContain("route->finalize");
    }

    @Test
    void with_no_branches_the_convergence_still_runs_right_after_the_decision() {
        StepExpansion.Expansion expansion = plan(APPROVAL, existing("validate", "route"), "route",
                new DynamicOutcome.NoBranches());

        assertThat(names(expansion)).containsExactly("finalize", "archive");
        assertThat(named(expansion)).as("the wait on the decision is not a template dependency")
                .containsExactlyInAnyOrder("route->finalize:awaits_outcome", "finalize->archive:provides");
    }

    @Test
    void a_convergence_also_waits_for_a_nested_decision_that_may_still_create_its_dependency() {
        StepExpansion.Expansion outer = plan(NESTED, existing("start", "outer"), "outer",
                new DynamicOutcome.CreateSteps(List.of("inner", "plain")));

        assertThat(names(outer)).containsExactlyInAnyOrder("inner", "plain", "join");
        assertThat(edges(outer)).containsExactlyInAnyOrder("outer->inner", "outer->plain", "plain->join",
                "inner->join");
        assertThat(named(outer)).as("join waits for inner, which the template does not list as its dependency")
                .contains("inner->join:awaits_outcome", "plain->join:provides");

        Map<String, StepExpansion.Existing> afterOuter = existing("start", "outer");
        afterOuter.put("inner", new StepExpansion.Existing("inner", "inner", StepState.COMPLETE));
        afterOuter.put("plain", new StepExpansion.Existing("plain", "plain", StepState.COMPLETE));
        afterOuter.put("join", new StepExpansion.Existing("join", "join", StepState.PENDING));
        StepExpansion.Expansion inner = plan(NESTED, afterOuter, "inner",
                new DynamicOutcome.CreateSteps(List.of("deep")));

        assertThat(names(inner)).containsExactly("deep");
        assertThat(edges(inner)).containsExactlyInAnyOrder("inner->deep", "deep->join");
    }

    @Test
    void a_batch_creates_numbered_workers_between_the_batchable_step_and_the_convergence() {
        DynamicOutcome.CreateBatches batches = new DynamicOutcome.CreateBatches("work",
                BATCH.step("split").orElseThrow().batchConfig().orElseThrow(), BatchCursor.split(25, 10));

        StepExpansion.Expansion expansion = plan(BATCH, existing("split"), "split", batches);

        assertThat(names(expansion)).containsExactly("work_001", "work_002", "work_003", "gather", "report");
        assertThat(expansion.edges()).extracting(e -> e.from() + "->" + e.to() + ":" + e.name())
                .containsExactlyInAnyOrder("split->work_001:batch_dependency", "split->work_002:batch_dependency",
                        "split->work_003:batch_dependency", "work_001->gather:worker_to_convergence",
                        "work_002->gather:worker_to_convergence", "work_003->gather:worker_to_convergence",
                        "gather->report:provides");
        StepExpansion.NewStep third = expansion.steps().get(2);
        assertThat(third.template().name()).isEqualTo("work");
        assertThat(Json.write(third.inputs())).contains("\"template_step_name\":\"work\"")
                .contains("\"start_cursor\":20").contains("\"end_cursor\":25").contains("\"batch_size\":5")
                .contains("\"failure_strategy\":\"isolate\"").contains("\"parallelism\":2");
    }

    @Test
    void with_no_batches_the_convergence_runs_right_after_the_batchable_step() {
        StepExpansion.Expansion expansion = plan(BATCH, existing("split"), "split",
                new DynamicOutcome.NoBatches("work"));

        assertThat(names(expansion)).containsExactly("gather", "report");
        assertThat(edges(expansion)).containsExactlyInAnyOrder("split->gather", "gather->report");
    }

    @Test
    void steps_that_already_exist_are_not_created_again() {
        Map<String, StepExpansion.Existing> steps = existing("validate", "route", "manager", "notify");
        StepExpansion.Expansion expansion = plan(APPROVAL, steps, "route",
                new DynamicOutcome.CreateSteps(List.of("manager")));

        assertThat(names(expansion)).containsExactly("finalize", "archive");
    }

    @Test
    void decision_depth_counts_the_decisions_on_the_deepest_path() {
        assertThat(DynamicOutcome.decisionDepth(NESTED, "outer", new java.util.HashMap<>())).isEqualTo(1);
        assertThat(DynamicOutcome.decisionDepth(NESTED, "inner", new java.util.HashMap<>())).isEqualTo(2);
        assertThat(DynamicOutcome.decisionDepth(NESTED, "join", new java.util.HashMap<>())).isEqualTo(2);
    }

    private static StepExpansion.Expansion plan(TaskTemplate template, Map<String, StepExpansion.Existing> existing,
                                                String decidedBy, DynamicOutcome outcome) {
        return StepExpansion.plan(template, existing, decidedBy, outcome);
    }

    private static Map<String, StepExpansion.Existing> existing(String... names) {
        Map<String, StepExpansion.Existing> steps = new LinkedHashMap<>();
        for (String name : names) {
            steps.put(name, new StepExpansion.Existing(name, name, StepState.COMPLETE));
        }
        return steps;
    }

    private static List<String> names(StepExpansion.Expansion expansion) {
        return expansion.steps().stream().map(StepExpansion.NewStep::name).toList();
    }

    @Test
    void a_step_that_is_both_a_dependency_and_an_undecided_creator_gets_one_template_edge() {
        TaskTemplate template = TemplateParser.parseYaml("""
                name: both
                namespace_name: expansion
                version: 1.0.0
                steps:
                  - {name: start, handler: {callable: h}}
                  - {name: route, type: decision, depends_on: [start], handler: {callable: h}}
                  - {name: fast, depends_on: [route], handler: {callable: h}}
                  - name: split
                    type: batchable
                    depends_on: [start]
                    handler: {callable: h}
                    batch_config: {worker_template: work}
                  - {name: work, type: batch_worker, depends_on: [split], handler: {callable: h}}
                  - {name: join, type: deferred_convergence, depends_on: [fast, split, work], handler: {callable: h}}
                """);
        Map<String, StepExpansion.Existing> steps = existing("start", "route");
        steps.put("split", new StepExpansion.Existing("split", "split", StepState.IN_PROGRESS));

        StepExpansion.Expansion expansion = plan(template, steps, "route",
                new DynamicOutcome.CreateSteps(List.of("fast")));

        assertThat(named(expansion)).containsExactlyInAnyOrder("route->fast:provides", "fast->join:provides",
                "split->join:provides");
    }

    private static List<String> named(StepExpansion.Expansion expansion) {
        return expansion.edges().stream().map(e -> e.from() + "->" + e.to() + ":" + e.name()).toList();
    }

    private static List<String> edges(StepExpansion.Expansion expansion) {
        List<String> edges = new ArrayList<>();
        expansion.edges().forEach(e -> edges.add(e.from() + "->" + e.to()));
        return edges;
    }
}
