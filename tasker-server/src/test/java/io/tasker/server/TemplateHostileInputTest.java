package io.tasker.server;

import static io.tasker.server.ErrorBodies.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.tasker.testing.DatabaseTest;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Templates from an untrusted hand: YAML tags, aliases and repeated keys are refused; a million generated steps get
 * a short answer; {@code input_schema} patterns run in linear time and may not refer outside the schema; nothing in
 * an answer names the libraries underneath.
 */
@DatabaseTest
class TemplateHostileInputTest {

    private static final String HEAD = "name: t\nnamespace_name: hostile\nversion: 1.0.0\n";

    private TaskerServer server;
    private ApiClient api;

    @BeforeEach
    void start(DataSource dataSource) {
        server = TaskerServer.start(Servers.settings(dataSource));
        api = new ApiClient(server.baseUrl());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ApiClient.Response register(String yaml) {
        return api.send("POST", "/v1/templates", "application/yaml", yaml);
    }

    @Test
    void yaml_tags_aliases_and_repeated_keys_are_refused() {
        String step = "steps:\n  - {name: a, handler: {callable: noop}}\n";
        assertThat(assertError(register(HEAD + "description: !!java/object:java.net.URL [http://x]\n" + step),
                400, "invalid_request").path("message").asString()).contains("tags");
        assertThat(assertError(register(HEAD + "metadata: &m {a: 1}\ndescription: *m\n" + step), 400,
                "invalid_request").path("message").asString()).contains("anchors and aliases");
        assertThat(assertError(register(HEAD + "version: 2.0.0\n" + step), 400, "invalid_request")
                .path("message").asString()).contains("\"version\" appears twice");
        assertThat(register(HEAD + step).status()).isEqualTo(201);
    }

    @Test
    void a_nul_character_in_template_metadata_is_a_named_problem() {
        JsonNode body = assertError(register(HEAD + "metadata: {note: \"a\\0b\"}\n"
                + "steps:\n  - {name: a, handler: {callable: noop}}\n"), 400, "invalid_template");
        assertThat(body.path("problems").toString()).contains("metadata.note: must not contain the NUL character");
    }

    @Test
    void a_million_generated_steps_get_a_short_answer() {
        ApiClient.Response yaml = register(HEAD + "steps: [" + "1,".repeat(999_999) + "1]\n");
        assertThat(assertError(yaml, 400, "invalid_request").path("message").asString())
                .contains("more than 250000 keys and values");
        assertThat(yaml.body().length()).isLessThan(1_000);

        ApiClient.Response json = api.post("/v1/templates", "{\"name\": \"t\", \"namespace_name\": \"hostile\", "
                + "\"version\": \"1.0.0\", \"steps\": [" + "1,".repeat(999_999) + "1]}");
        JsonNode body = assertError(json, 400, "invalid_template");
        assertThat(body.path("problems").toString()).contains("at most 1000 steps, this one has 1000000");
        assertThat(json.body().length()).isLessThan(1_000);
    }

    @Test
    void a_template_with_many_problems_lists_the_first_hundred() {
        StringBuilder yaml = new StringBuilder(HEAD + "steps:\n");
        for (int i = 0; i < 500; i++) {
            yaml.append("  - {name: s").append(i).append(", handler: {callable: noop}, depends_on: [missing]}\n");
        }
        JsonNode problems = assertError(register(yaml.toString()), 400, "invalid_template").path("problems");
        assertThat(problems).hasSize(101);
        assertThat(problems.get(100).asString()).isEqualTo("... and 400 more problems");
    }

    @Test
    void input_schema_patterns_run_in_linear_time_and_backtracking_only_syntax_is_refused() {
        String schema = "input_schema: {type: object, properties: {code: {type: string, pattern: '(.*a){25}'}}}\n";
        assertThat(register(HEAD + schema + "steps:\n  - {name: a, handler: {callable: noop}}\n").status())
                .isEqualTo(201);
        // 24 a's: a backtracking engine tries millions of ways to find the 25th before it gives up.
        ApiClient.Response slowForBacktracking = api.post("/v1/tasks", Map.of("namespace", "hostile", "name", "t",
                "context", Map.of("code", "a".repeat(24) + "b".repeat(56))));
        assertThat(assertError(slowForBacktracking, 400, "invalid_request").path("message").asString())
                .contains("does not match the input_schema");

        JsonNode refused = assertError(register(HEAD.replace("1.0.0", "2.0.0")
                + "input_schema: {properties: {x: {pattern: '(?<=a)b'}}}\n"
                + "steps:\n  - {name: a, handler: {callable: noop}}\n"), 400, "invalid_template");
        assertThat(refused.path("problems").toString()).contains("RE2 syntax");
    }

    @Test
    void input_schema_references_stay_inside_the_schema() {
        JsonNode body = assertError(register(HEAD + "input_schema: {properties: {x: {$ref: 'file:///etc/passwd'}}}\n"
                + "steps:\n  - {name: a, handler: {callable: noop}}\n"), 400, "invalid_template");
        assertThat(body.path("problems").toString()).contains("refers outside the schema");
        JsonNode schemaElsewhere = assertError(register(HEAD + "input_schema: {$schema: 'http://169.254.169.254/x'}\n"
                + "steps:\n  - {name: a, handler: {callable: noop}}\n"), 400, "invalid_template");
        assertThat(schemaElsewhere.path("problems").toString()).contains("is not allowed to be loaded");
    }

    @Test
    void parser_limits_are_reported_in_words_not_library_names() {
        String deep = "[".repeat(2_000) + "]".repeat(2_000);
        JsonNode body = assertError(api.post("/v1/tasks", "{\"namespace\": \"hostile\", \"name\": \"t\", \"context\": "
                + "{\"deep\": " + deep + "}}"), 400, "invalid_request");
        assertThat(body.path("message").asString()).contains("nesting depth").doesNotContain("`");
    }
}
