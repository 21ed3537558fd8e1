package io.tasker.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tasker.InvalidInputException;
import io.tasker.store.jdbc.DataAccessException;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.testing.DatabaseTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

@DatabaseTest
class TemplateRegistryTest {

    private static final String V1 = """
            name: greet
            namespace_name: greetings
            version: 1.0.0
            description: Say hello
            system_dependencies: {primary: mail, secondary: [sms]}
            steps:
              - {name: compose, handler: {callable: h}, retry: {max_attempts: 5, retryable: true}}
              - {name: send, handler: {callable: h}, depends_on: [compose], system_dependency: mail}
            """;

    private TemplateRegistry registry;
    private Jdbc jdbc;

    @BeforeEach
    void setUp(DataSource dataSource) {
        jdbc = new Jdbc(dataSource);
        registry = new TemplateRegistry(jdbc, callable -> true, "development", Clock.systemUTC());
    }

    @Test
    void registering_stores_namespace_template_steps_and_systems() {
        RegisteredTemplate registered = registry.registerYaml(V1);
        assertThat(count("SELECT count(*) FROM tasker.task_namespaces WHERE name = 'greetings'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM tasker.named_tasks WHERE name = 'greet' AND version = '1.0.0'"))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM tasker.named_steps WHERE name IN ('compose', 'send')")).isEqualTo(2);
        assertThat(jdbc.query("""
                SELECT s.name || ':' || j.default_retryable || ':' || j.default_max_attempts
                FROM tasker.named_tasks_named_steps j JOIN tasker.named_steps s USING (named_step_uuid)
                WHERE j.named_task_uuid = ? ORDER BY s.name
                """, row -> row.getString(1), registered.namedTaskUuid())).containsExactly("compose:true:5", "send:true:3");
        assertThat(jdbc.query("SELECT name FROM tasker.dependent_systems ORDER BY name", row -> row.getString(1)))
                .containsExactly("mail", "sms");
        assertThat(jdbc.queryOne("SELECT configuration->>'description' FROM tasker.named_tasks", row -> row.getString(1)))
                .contains("Say hello");
    }

    @Test
    void registering_identical_content_again_is_a_no_op() {
        RegisteredTemplate first = registry.registerYaml(V1);
        RegisteredTemplate again = registry.registerYaml("# same template, other formatting\n" + V1.replace("  - {", "  -   {"));
        assertThat(again.namedTaskUuid()).isEqualTo(first.namedTaskUuid());
        assertThat(count("SELECT count(*) FROM tasker.named_tasks")).isEqualTo(1);
    }

    @Test
    void different_content_under_an_existing_version_is_rejected() {
        registry.registerYaml(V1);
        assertThatThrownBy(() -> registry.registerYaml(V1.replace("Say hello", "Say goodbye")))
                .isInstanceOf(TemplateConflictException.class)
                .hasMessage("template greetings/greet@1.0.0 is already registered with different content; "
                        + "register it under a new version");
    }

    @Test
    void versions_coexist_and_the_highest_is_the_default() {
        registry.registerYaml(V1);
        registry.registerYaml(V1.replace("1.0.0", "1.10.0").replace("Say hello", "Hello again"));
        registry.registerYaml(V1.replace("1.0.0", "1.9.0"));
        TemplateRegistry fresh = new TemplateRegistry(jdbc, callable -> true, "development", Clock.systemUTC());
        assertThat(fresh.resolve("greetings", "greet", Optional.empty()).key().version()).isEqualTo("1.10.0");
        assertThat(fresh.resolve("greetings", "greet", Optional.of("1.0.0")).template().description())
                .contains("Say hello");
        assertThat(fresh.all()).hasSize(3);
    }

    @Test
    void an_unknown_template_is_not_found() {
        assertThatThrownBy(() -> registry.resolve("greetings", "nope", Optional.empty()))
                .isInstanceOf(TemplateNotFoundException.class)
                .hasMessage("template greetings/nope is not registered");
    }

    @Test
    void an_invalid_template_stores_nothing() {
        assertThatThrownBy(() -> registry.registerYaml(V1.replace("depends_on: [compose]", "depends_on: [ghost]")))
                .isInstanceOf(TemplateValidationException.class);
        assertThat(count("SELECT count(*) FROM tasker.named_tasks")).isZero();
        assertThat(count("SELECT count(*) FROM tasker.task_namespaces")).isZero();
    }

    @Test
    void a_directory_is_loaded_file_by_file_and_errors_name_the_file(@TempDir Path directory) throws Exception {
        Files.writeString(directory.resolve("a_greet.yaml"), V1);
        Files.writeString(directory.resolve("b_other.yml"), V1.replace("name: greet", "name: other"));
        Files.writeString(directory.resolve("notes.txt"), "not a template");
        assertThat(registry.registerDirectory(directory)).hasSize(2);

        Files.writeString(directory.resolve("c_broken.yaml"), "name: broken\nnamespace_name: greetings\n");
        assertThatThrownBy(() -> registry.registerDirectory(directory))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("c_broken.yaml: template greetings/broken@? is invalid: template: version is required");
    }

    @Test
    void the_retry_policy_of_a_step_comes_from_its_template_and_an_undeclared_step_gets_the_default() {
        RegisteredTemplate registered = registry.registerYaml(V1);
        assertThat(registry.retryPolicy(registered.namedTaskUuid(), "compose").maxAttempts()).isEqualTo(5);
        assertThat(registry.retryPolicy(registered.namedTaskUuid(), "ghost")).isEqualTo(RetryPolicy.DEFAULT);
    }

    @Test
    void a_database_error_while_looking_up_a_retry_policy_is_not_hidden_behind_the_default() {
        PGSimpleDataSource nowhere = new PGSimpleDataSource();
        nowhere.setURL("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=1");
        TemplateRegistry unreachable = new TemplateRegistry(new Jdbc(nowhere), callable -> true, "development",
                Clock.systemUTC());
        assertThatThrownBy(() -> unreachable.retryPolicy(UUID.randomUUID(), "compose"))
                .isInstanceOf(DataAccessException.class);
        assertThatThrownBy(() -> registry.retryPolicy(UUID.randomUUID(), "compose"))
                .isInstanceOf(TemplateNotFoundException.class);
    }

    private int count(String sql) {
        return jdbc.queryOne(sql, row -> row.getInt(1)).orElseThrow();
    }
}
