package io.tasker.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.tasker.cli.CliRun;
import io.tasker.cli.ExitCodes;
import io.tasker.examples.ExampleTemplates;
import io.tasker.json.Json;
import io.tasker.server.Role;
import io.tasker.server.ServerSettings;
import io.tasker.server.TaskerServer;
import io.tasker.server.auth.AuthSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.sql.DataSource;
import tools.jackson.databind.JsonNode;

/**
 * A real Tasker server on a free port with the example templates, and the CLI pointed at it. Tests talk to it over
 * HTTP only: through the commands under test, and through {@link #getJson} for what they compare against.
 */
final class ClientServer implements AutoCloseable {

    /** Two steps run by an external worker that never comes: the task stays open for operator actions. */
    static final String EXTERNAL_TEMPLATE = """
            name: manual_steps
            namespace_name: cli_tests
            version: 1.0.0
            description: Two external steps nobody claims
            steps:
              - name: first.step-a
                handler: {callable: external}
              - name: second.step-b
                depends_on: [first.step-a]
                handler: {callable: external}
            """;

    private final TaskerServer server;

    private ClientServer(TaskerServer server) {
        this.server = server;
    }

    static ClientServer start(DataSource dataSource) {
        return start(dataSource, AuthSettings.NONE);
    }

    static ClientServer start(DataSource dataSource, AuthSettings auth) {
        return new ClientServer(TaskerServer.start(settings(dataSource, auth)));
    }

    /** A server whose data layer writes datasets and reads input files under {@code dataHome}. */
    static ClientServer startWithData(DataSource dataSource, java.nio.file.Path dataHome) {
        return new ClientServer(TaskerServer.start(settings(dataSource, AuthSettings.NONE)
                .withData(io.tasker.data.DataSettings.under(dataHome))));
    }

    /** With {@code templates} (YAML texts) registered besides the example templates. */
    static ClientServer startWithTemplates(DataSource dataSource, List<String> templates) {
        List<String> all = new java.util.ArrayList<>(ExampleTemplates.yamlTexts());
        all.addAll(templates);
        return new ClientServer(TaskerServer.start(settings(dataSource, AuthSettings.NONE)
                .withTemplates(all, Optional.empty())));
    }

    /**
     * The API alone, without the example templates, on {@code clock}: for data seeded in the database, which no
     * worker or scheduler may touch and whose times are relative to the clock's now.
     */
    static ClientServer startApiOnly(DataSource dataSource, AuthSettings auth, Clock clock) {
        return new ClientServer(TaskerServer.start(settings(dataSource, auth)
                .withRoles(EnumSet.of(Role.API), List.of())
                .withTemplates(List.of(), Optional.empty()), clock));
    }

    private static ServerSettings settings(DataSource dataSource, AuthSettings auth) {
        return ServerSettings.defaults()
                .withDataSource(dataSource)
                .withListen("127.0.0.1", 0)
                .withTimings(Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofMillis(100),
                        Duration.ofSeconds(5))
                .withTemplates(ExampleTemplates.yamlTexts(), Optional.empty())
                .withAuth(auth);
    }

    String url() {
        return server.baseUrl();
    }

    /** Runs {@code tasker args... --url <this server>}. */
    CliRun run(String... args) {
        return CliRun.of(Stream.concat(Arrays.stream(args), Stream.of("--url", url())).toArray(String[]::new));
    }

    /** Runs the command with {@code -o json}, expects success, and returns the JSON it printed. */
    JsonNode json(String... args) {
        CliRun run = run(Stream.concat(Arrays.stream(args), Stream.of("-o", "json")).toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        return Json.parse(run.out());
    }

    /** Creates a task and waits until it has finished; returns the finished task. */
    JsonNode finishedTask(String namespace, String name, String context) {
        CliRun run = run("task", "create", "--namespace", namespace, "--name", name, "--context", context,
                "--wait", "60", "-o", "json");
        assertThat(run.exitCode()).as(run.err()).isIn(ExitCodes.OK, ExitCodes.TASK_FAILED);
        return Json.parse(run.out());
    }

    /** GET straight from the server, for comparing with what a command printed. */
    JsonNode getJson(String path) {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url() + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return Json.parse(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode stepNamed(JsonNode task, String name) {
        for (JsonNode step : task.path("steps")) {
            if (step.path("name").asString().equals(name)) {
                return step;
            }
        }
        throw new AssertionError("no step " + name + " in " + task);
    }

    @Override
    public void close() {
        server.close();
    }
}
