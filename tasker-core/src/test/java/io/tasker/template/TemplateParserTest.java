package io.tasker.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tasker.json.JsonFormatException;
import org.junit.jupiter.api.Test;

class TemplateParserTest {

    private static final String FULL = """
            name: process_order
            namespace_name: payments
            version: 2.1.0
            description: Charge and ship
            metadata: {author: team-payments, tags: [billing]}
            identity_strategy: caller_provided
            system_dependencies: {primary: commerce, secondary: [stripe]}
            domain_events:
              - {name: order.paid, description: paid}
            input_schema: {type: object, required: [order_id]}
            lifecycle: {max_duration_minutes: 60, max_waiting_for_retry_minutes: 30, staleness_action: error}
            steps:
              - name: validate
                handler: {callable: validate_handler, initialization: {strict: true}}
              - name: charge
                type: standard
                depends_on: [validate]
                handler: {callable: charge_handler, initialization: {gateway: test, currency: EUR}}
                retry: {retryable: true, max_attempts: 5, backoff: fibonacci, backoff_base_ms: 200, max_backoff_ms: 5000, jitter: false}
                timeout_seconds: 45
                system_dependency: stripe
                publishes_events:
                  - {name: payment.charged, description: charged, condition: success, delivery_mode: fast}
            environments:
              production:
                steps:
                  - name: charge
                    handler: {initialization: {gateway: live}}
                    timeout_seconds: 90
                    retry: {max_attempts: 8}
            """;

    @Test
    void parses_every_field_of_the_reference_format() {
        TaskTemplate template = TemplateParser.parseYaml(FULL);
        assertThat(template.key()).isEqualTo(new TemplateKey("payments", "process_order", "2.1.0"));
        assertThat(template.description()).contains("Charge and ship");
        assertThat(template.metadata().path("author").asString()).isEqualTo("team-payments");
        assertThat(template.identityStrategy()).isEqualTo(IdentityStrategy.CALLER_PROVIDED);
        assertThat(template.systemDependencies()).isEqualTo(new SystemDependencies("commerce", java.util.List.of("stripe")));
        assertThat(template.domainEvents()).extracting(DomainEvent::name).containsExactly("order.paid");
        assertThat(template.inputSchema()).isPresent();
        assertThat(template.lifecycle().maxDurationMinutes()).contains(60);
        assertThat(template.lifecycle().stalenessAction()).isEqualTo("error");

        StepTemplate charge = template.step("charge").orElseThrow();
        assertThat(charge.dependencies()).containsExactly("validate");
        assertThat(charge.handler().callable()).isEqualTo("charge_handler");
        assertThat(charge.handler().initialization().path("gateway").asString()).isEqualTo("test");
        assertThat(charge.retry()).isEqualTo(new RetryPolicy(true, 5, BackoffKind.FIBONACCI, 200, 5000, false));
        assertThat(charge.timeoutSeconds()).contains(45);
        assertThat(charge.systemDependency()).contains("stripe");
        assertThat(charge.publishesEvents()).singleElement()
                .satisfies(e -> assertThat(e.deliveryMode()).isEqualTo("fast"));
    }

    @Test
    void missing_fields_get_the_documented_defaults() {
        TaskTemplate template = TemplateParser.parseYaml("""
                name: t
                namespace_name: ns
                version: 1.0.0
                steps:
                  - name: only
                    handler: {callable: h}
                """);
        StepTemplate step = template.steps().get(0);
        assertThat(step.type()).isEqualTo(StepType.STANDARD);
        assertThat(step.retry()).isEqualTo(RetryPolicy.DEFAULT);
        assertThat(step.retry().maxAttempts()).isEqualTo(3);
        assertThat(step.retry().backoff()).isEqualTo(BackoffKind.EXPONENTIAL);
        assertThat(step.timeoutSeconds()).isEmpty();
        assertThat(template.identityStrategy()).isEqualTo(IdentityStrategy.STRICT);
        assertThat(template.lifecycle()).isEqualTo(Lifecycle.DEFAULT);
        assertThat(template.systemDependencies()).isEqualTo(SystemDependencies.DEFAULT);
    }

    @Test
    void environment_overrides_merge_initialization_and_replace_timeout_and_retry() {
        TaskTemplate production = TemplateParser.parseYaml(FULL).forEnvironment("production");
        StepTemplate charge = production.step("charge").orElseThrow();
        assertThat(charge.handler().initialization().path("gateway").asString()).isEqualTo("live");
        assertThat(charge.handler().initialization().path("currency").asString()).isEqualTo("EUR");
        assertThat(charge.timeoutSeconds()).contains(90);
        assertThat(charge.retry().maxAttempts()).isEqualTo(8);
        assertThat(production.step("validate").orElseThrow())
                .isEqualTo(TemplateParser.parseYaml(FULL).step("validate").orElseThrow());
        assertThat(TemplateParser.parseYaml(FULL).forEnvironment("staging")).isEqualTo(TemplateParser.parseYaml(FULL));
    }

    @Test
    void normalised_json_parses_back_to_an_equal_template() {
        TaskTemplate template = TemplateParser.parseYaml(FULL);
        assertThat(TemplateParser.parse(TemplateJson.toJson(template))).isEqualTo(template);
        assertThat(TemplateJson.toJson(TemplateParser.parse(TemplateJson.toJson(template))))
                .isEqualTo(TemplateJson.toJson(template));
    }

    @Test
    void unknown_fields_are_reported_with_their_place() {
        assertThatThrownBy(() -> TemplateParser.parseYaml("""
                name: t
                namespace_name: ns
                version: 1.0.0
                colour: blue
                steps:
                  - name: a
                    handler: {callable: h}
                    depend_on: [b]
                """))
                .isInstanceOf(TemplateValidationException.class)
                .hasMessageContaining("template: unknown field 'colour'")
                .hasMessageContaining("step 'a': unknown field 'depend_on'");
    }

    @Test
    void wrong_types_and_ranges_are_each_reported() {
        assertThatThrownBy(() -> TemplateParser.parseYaml("""
                name: t
                namespace_name: ns
                version: 1.0.0
                steps:
                  - name: a
                    handler: {callable: h}
                    retry: {max_attempts: 0, backoff: sideways}
                    timeout_seconds: soon
                  - name: b
                """))
                .isInstanceOfSatisfying(TemplateValidationException.class, e -> assertThat(e.problems())
                        .contains("step 'a': retry: max_attempts must be between 1 and 100, got 0",
                                "step 'a': retry: backoff must be one of none, linear, exponential, fibonacci, got 'sideways'",
                                "step 'a': timeout_seconds must be a whole number, got 'soon'",
                                "step 'b': handler is required"))
                .hasMessageStartingWith("template ns/t@1.0.0 is invalid: ");
    }

    @Test
    void a_template_with_both_spellings_of_dependencies_is_refused() {
        assertThatThrownBy(() -> TemplateParser.parseYaml("""
                name: t
                namespace_name: ns
                version: 1.0.0
                steps:
                  - name: a
                    handler: {callable: h}
                  - name: b
                    handler: {callable: h}
                    dependencies: [a]
                    depends_on: [a]
                """)).hasMessageContaining("step 'b': give either dependencies or depends_on, not both");
    }

    @Test
    void malformed_yaml_names_the_line() {
        assertThatThrownBy(() -> TemplateParser.parseYaml("name: [unclosed\nnamespace_name: x"))
                .isInstanceOf(JsonFormatException.class)
                .hasMessageStartingWith("template is not valid YAML")
                .hasMessageContaining("line");
    }

    @Test
    void a_document_that_is_not_an_object_is_refused() {
        assertThatThrownBy(() -> TemplateParser.parseYaml("- just\n- a list"))
                .isInstanceOf(TemplateValidationException.class)
                .hasMessageContaining("template: must be an object");
    }
}
