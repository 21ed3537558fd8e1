package io.tasker.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.tasker.cli.CliRun;
import io.tasker.cli.ExitCodes;
import io.tasker.examples.ExampleTemplates;
import io.tasker.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tasker template list|get|validate|register} against a real server. */
class TemplateCommandTest extends WithClientServer {

    private static final String INVALID = """
            name: broken
            namespace_name: Bad-NS
            version: 1.0.0
            steps:
              - {name: a, handler: {callable: noop}, dependencies: [ghost]}
            """;

    @TempDir
    Path temp;

    @Test
    void list_shows_the_registered_templates() {
        CliRun run = server.run("template", "list");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).containsPattern("NAMESPACE +NAME +VERSION +STEPS +DESCRIPTION")
                .containsPattern("linear_workflow +mathematical_sequence +1\\.0\\.0 +4 +Square an even number")
                .endsWith(ExampleTemplates.FILES.size() + " templates\n");
        CliRun one = server.run("template", "list", "--namespace", "retry_workflows");
        assertThat(one.out()).doesNotContain("linear_workflow").contains("retry_exhaustion");
        assertThat(server.json("template", "list")).isEqualTo(server.getJson("/v1/templates"));
    }

    @Test
    void get_shows_a_template_and_its_steps() {
        CliRun run = server.run("template", "get", "linear_workflow", "mathematical_sequence", "1.0.0");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).containsPattern("Template: +linear_workflow/mathematical_sequence@1\\.0\\.0")
                .containsPattern("Steps: +4")
                .containsPattern("NAME +TYPE +DEPENDS_ON +HANDLER +RETRYABLE +MAX_ATTEMPTS")
                .containsPattern("linear_step_2 +\\S+ +linear_step_1 +io\\.tasker\\.examples\\.MathStepHandler");
        CliRun missing = server.run("template", "get", "linear_workflow", "mathematical_sequence", "9.9.9");
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(missing.errLines()).hasSize(1);
    }

    @Test
    void validate_accepts_a_valid_file_and_lists_every_problem_of_an_invalid_one() throws Exception {
        Path valid = temp.resolve("linear.yaml");
        Files.writeString(valid, ExampleTemplates.read("linear_workflow.yaml"));
        CliRun ok = server.run("template", "validate", valid.toString());
        assertThat(ok.exitCode()).as(ok.err()).isEqualTo(ExitCodes.OK);
        assertThat(ok.out()).isEqualTo("valid: linear_workflow/mathematical_sequence@1.0.0 (4 steps)\n");

        Path invalid = temp.resolve("broken.yaml");
        Files.writeString(invalid, INVALID);
        CliRun bad = server.run("template", "validate", invalid.toString());
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.errLines()).hasSize(3);
        assertThat(bad.errLines().get(0)).isEqualTo("tasker: " + invalid + " is not a valid template (2 problems)");
        assertThat(bad.errLines().subList(1, 3)).allMatch(line -> line.startsWith("  "));
        assertThat(bad.err()).contains("ghost").contains("Bad-NS");

        CliRun missing = server.run("template", "validate", temp.resolve("nope.yaml").toString());
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.errLines()).singleElement().asString().endsWith("nope.yaml: no such file");
    }

    @Test
    void register_registers_once_and_accepts_identical_content_again() throws Exception {
        Path yaml = temp.resolve("manual.yaml");
        Files.writeString(yaml, ClientServer.EXTERNAL_TEMPLATE);
        CliRun first = server.run("template", "register", yaml.toString());
        assertThat(first.exitCode()).as(first.err()).isEqualTo(ExitCodes.OK);
        assertThat(first.out()).isEqualTo("registered: cli_tests/manual_steps@1.0.0\n");
        CliRun again = server.run("template", "register", yaml.toString());
        assertThat(again.out()).isEqualTo("already registered (identical): cli_tests/manual_steps@1.0.0\n");

        Path json = temp.resolve("manual.json");
        Files.writeString(json, Json.write(server.getJson("/v1/templates/cli_tests/manual_steps/1.0.0")
                .path("configuration")));
        CliRun asJson = server.run("template", "register", json.toString());
        assertThat(asJson.exitCode()).as(asJson.err()).isEqualTo(ExitCodes.OK);
        assertThat(asJson.out()).startsWith("already registered (identical)");

        Files.writeString(yaml, ClientServer.EXTERNAL_TEMPLATE.replace("Two external", "Changed"));
        CliRun changed = server.run("template", "register", yaml.toString());
        assertThat(changed.exitCode()).isEqualTo(ExitCodes.CONFLICT);
        assertThat(changed.errLines()).hasSize(1);
    }
}
