package io.tasker.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.tasker.testing.DatabaseTest;
import io.tasker.testing.Templates;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code /v1/templates}: every answer shows a template the same way. */
@DatabaseTest
class TemplateApiTest {

    private static final String TEMPLATE = Templates.template("greetings", "greet").step("compose", "noop")
            .step("send", "noop", "compose").yaml();

    private TaskerServer server;
    private ApiClient api;

    @BeforeEach
    void start(DataSource dataSource) {
        server = Servers.start(dataSource);
        api = new ApiClient(server.baseUrl());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void validating_answers_the_template_as_registering_and_reading_it_do() {
        ApiClient.Response validated = api.send("POST", "/v1/templates/validate", "application/yaml", TEMPLATE);
        assertThat(validated.status()).as(validated.body()).isEqualTo(200);
        JsonNode template = validated.json().path("template");
        assertThat(template.path("namespace").asString()).isEqualTo("greetings");
        assertThat(template.has("namespace_name")).as("the file's key stays inside configuration").isFalse();
        assertThat(api.get("/v1/templates/greetings/greet/1.0.0").status()).as("validating stores nothing")
                .isEqualTo(404);

        ApiClient.Response registered = api.send("POST", "/v1/templates", "application/yaml", TEMPLATE);
        assertThat(registered.status()).isEqualTo(201);
        assertThat(registered.json()).isEqualTo(template);
        assertThat(api.get("/v1/templates/greetings/greet/1.0.0").json()).isEqualTo(template);
    }
}
