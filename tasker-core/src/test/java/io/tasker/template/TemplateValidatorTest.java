package io.tasker.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TemplateValidatorTest {

    private static void validate(String yaml) {
        TemplateValidator.validate(TemplateParser.parseYaml(yaml), callable -> !callable.equals("missing_handler"));
    }

    private static String template(String namespace, String steps) {
        return "name: t\nnamespace_name: " + namespace + "\nversion: 1.0.0\nsteps:\n" + steps;
    }

    @Test
    void a_valid_template_passes() {
        assertThatCode(() -> validate(template("ns", """
                  - {name: a, handler: {callable: h}}
                  - {name: b, handler: {callable: h}, dependencies: [a]}
                """))).doesNotThrowAnyException();
    }

    @Test
    void duplicate_step_names_are_refused() {
        assertThatThrownBy(() -> validate(template("ns", """
                  - {name: a, handler: {callable: h}}
                  - {name: a, handler: {callable: h}}
                """))).hasMessageContaining("step 'a' is defined more than once");
    }

    @Test
    void unknown_dependencies_are_refused_naming_the_step() {
        assertThatThrownBy(() -> validate(template("ns", """
                  - {name: a, handler: {callable: h}, dependencies: [ghost]}
                """))).hasMessageContaining("step 'a': depends on unknown step 'ghost'");
    }

    @Test
    void a_cycle_is_refused_and_named() {
        assertThatThrownBy(() -> validate(template("ns", """
                  - {name: a, handler: {callable: h}, dependencies: [c]}
                  - {name: b, handler: {callable: h}, dependencies: [a]}
                  - {name: c, handler: {callable: h}, dependencies: [b]}
                """))).hasMessageContaining("dependency cycle: ")
                .satisfies(e -> assertThat(e.getMessage()).containsAnyOf("a -> b -> c -> a", "b -> c -> a -> b",
                        "c -> a -> b -> c"));
    }

    @Test
    void a_step_depending_on_itself_is_refused() {
        assertThatThrownBy(() -> validate(template("ns", """
                  - {name: a, handler: {callable: h}, dependencies: [a]}
                """))).hasMessageContaining("step 'a': depends on itself");
    }

    @Test
    void invalid_namespace_names_are_refused() {
        assertThatThrownBy(() -> validate(template("Payments-EU", "  - {name: a, handler: {callable: h}}\n")))
                .hasMessageContaining("namespace_name 'Payments-EU' must be 1 to 29 characters of a-z, 0-9 and _");
        assertThatThrownBy(() -> validate(template("a_namespace_name_that_is_far_too_long",
                "  - {name: a, handler: {callable: h}}\n")))
                .hasMessageContaining("must be 1 to 29 characters");
        assertThatThrownBy(() -> validate(template("x'; DROP TABLE tasks; --", "  - {name: a, handler: {callable: h}}\n")))
                .isInstanceOf(TemplateValidationException.class);
    }

    @Test
    void an_unresolvable_handler_is_refused() {
        assertThatThrownBy(() -> validate(template("ns", "  - {name: a, handler: {callable: missing_handler}}\n")))
                .hasMessageContaining("step 'a': handler 'missing_handler' cannot be resolved");
    }

    @Test
    void an_invalid_input_schema_is_refused() {
        assertThatThrownBy(() -> validate("""
                name: t
                namespace_name: ns
                version: 1.0.0
                input_schema: {type: banana}
                steps:
                  - {name: a, handler: {callable: h}}
                """)).hasMessageContaining("input_schema ");
    }

    @Test
    void a_decision_step_needs_a_dependency_and_a_batchable_step_a_worker_template() {
        assertThatThrownBy(() -> validate(template("ns", """
                  - {name: decide, type: decision, handler: {callable: h}}
                  - name: split
                    type: batchable
                    handler: {callable: h}
                    batch_config: {worker_template: nowhere}
                """))).hasMessageContaining("step 'decide': a decision step needs at least one dependency")
                .hasMessageContaining("batch_config.worker_template 'nowhere' must name a step of type batch_worker");
    }

    @Test
    void all_problems_are_reported_together() {
        assertThatThrownBy(() -> validate(template("ns", """
                  - {name: a, handler: {callable: missing_handler}, dependencies: [ghost]}
                  - {name: a, handler: {callable: h}}
                """))).isInstanceOfSatisfying(TemplateValidationException.class,
                        e -> assertThat(e.problems()).hasSize(3));
    }
}
