package io.tasker.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The fields of wait, signal and subtask steps: parsed, checked, and written back unchanged. */
class BuiltInStepTypesTest {

    private static final String ALL = """
            name: features
            namespace_name: ops
            version: 1.0.0
            steps:
              - {name: prepare, handler: {callable: noop}}
              - {name: cool_off, type: wait, duration: PT10M, dependencies: [prepare]}
              - {name: until_ready, type: wait, until: $.results.prepare.ready_at, dependencies: [prepare]}
              - {name: approved, type: signal, timeout: P2D, on_timeout: continue, dependencies: [cool_off]}
              - {name: nudge, type: signal, signal: nudged, dependencies: [prepare]}
              - name: child
                type: subtask
                dependencies: [approved]
                subtask: {namespace: ops, name: other, version: 2.0.0, context: {who: $.context.user, n: 3}}
            """;

    private static TaskTemplate parse(String yaml) {
        TaskTemplate template = TemplateParser.parseYaml(yaml);
        TemplateValidator.validate(template, callable -> true);
        return template;
    }

    @Test
    void built_in_steps_are_run_by_the_engines_handlers_with_their_fields() {
        TaskTemplate template = parse(ALL);
        StepTemplate wait = template.step("cool_off").orElseThrow();
        assertThat(wait.type()).isEqualTo(StepType.WAIT);
        assertThat(wait.handler().callable()).isEqualTo("tasker.wait");
        assertThat(wait.handler().initialization().path("duration").asString()).isEqualTo("PT10M");
        StepTemplate signal = template.step("approved").orElseThrow();
        assertThat(signal.handler().initialization().path("signal").asString()).as("the step's name").isEqualTo(
                "approved");
        assertThat(signal.handler().initialization().path("on_timeout").asString()).isEqualTo("continue");
        StepTemplate child = template.step("child").orElseThrow();
        assertThat(child.handler().initialization().path("context").path("who").asString())
                .isEqualTo("$.context.user");
    }

    @Test
    void the_normalised_json_parses_back_to_the_same_template() {
        TaskTemplate template = parse(ALL);
        assertThat(TemplateParser.parse(TemplateJson.toJson(template))).isEqualTo(template);
        assertThat(TemplateJson.toJson(template).path("steps").get(1).has("handler")).isFalse();
    }

    @Test
    void mistakes_are_reported_with_their_step() {
        assertThatThrownBy(() -> parse("""
                name: bad
                namespace_name: ops
                version: 1.0.0
                steps:
                  - {name: a, type: wait, duration: PT10M, until: $.context.x}
                  - {name: b, type: wait, duration: ten minutes}
                  - {name: c, type: signal, on_timeout: continue}
                  - {name: d, type: signal, handler: {callable: noop}}
                  - {name: e, handler: {callable: noop}, duration: PT1M}
                  - {name: f, type: wait, until: $.results.g.at}
                  - {name: g, handler: {callable: noop}}
                  - {name: h, type: subtask}
                  - {name: i, type: wait, until: tomorrow}
                """)).isInstanceOf(TemplateValidationException.class)
                .hasMessageContaining("step 'a': a wait step needs either duration")
                .hasMessageContaining("step 'b': duration must be an ISO-8601 duration")
                .hasMessageContaining("step 'c': on_timeout needs a timeout")
                .hasMessageContaining("step 'd': a signal step is run by the engine and has no handler")
                .hasMessageContaining("step 'e': duration is only for wait, signal and subtask steps")
                .hasMessageContaining("step 'h': a subtask step needs subtask")
                .hasMessageContaining("step 'i': until must be an ISO-8601 instant");
        assertThatThrownBy(() -> parse("""
                name: bad
                namespace_name: ops
                version: 1.0.0
                steps:
                  - {name: f, type: wait, until: $.results.g.at}
                  - {name: g, handler: {callable: noop}}
                """)).isInstanceOf(TemplateValidationException.class)
                .hasMessageContaining("step 'f': reads $.results.g.at but does not depend on step 'g'");
    }
}
