package io.tasker.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tasker.cli.client.TaskerClient;
import io.tasker.json.Json;
import io.tasker.server.TaskerServer;
import io.tasker.server.config.ConfigLoader;
import io.tasker.testing.DatabaseTest;
import io.tasker.testing.TestPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The server example of the README, as a new user runs it: the shipped {@code templates/greeting.yaml} (the same
 * text as the README shows), the README's {@code curl} commands run by curl, and its {@code bin/tasker} commands.
 * Only the port differs: the test's server takes a free one instead of 8080, in the template's URL and the commands
 * alike.
 */
@DatabaseTest
class ReadmeServerExampleTest {

    static final Path ROOT = Path.of(System.getProperty("basedir", ".")).resolve("..").normalize();
    static final String README_PORT = "127.0.0.1:8080";

    @Test
    void the_readme_example_succeeds_as_written_and_a_repeat_is_a_409_it_explains(@TempDir Path directory)
            throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
        String shipped = Files.readString(ROOT.resolve("templates/greeting.yaml"), StandardCharsets.UTF_8);
        assertThat(firstGroup(readme, "(?s)## Example.*?```yaml\\n(.*?)```")).isEqualTo(shipped);
        List<String> commands = commands(firstGroup(readme, "(?s)Start the server, then a task.*?```bash\\n(.*?)```"));
        assertThat(commands.get(0)).isEqualTo("bin/tasker server &");
        String repeatWithKey = commands(firstGroup(readme, "(?s)Sending the same request twice.*?```bash\\n(.*?)```"))
                .get(0);

        int port = freePort();
        String address = "127.0.0.1:" + port;
        Path templates = Files.createDirectories(directory.resolve("templates"));
        Files.writeString(templates.resolve("greeting.yaml"), shipped.replace(README_PORT, address));
        ConfigLoader.Loaded loaded = ConfigLoader.load(Optional.empty(), Map.of(), Map.of(
                "database.url", TestPostgres.shared().jdbcUrl(), "server.port", String.valueOf(port),
                "templates.dir", templates.toString()));
        try (TaskerServer server = TaskerServer.start(loaded.settings());
             TaskerClient api = new TaskerClient(URI.create(server.baseUrl()), Optional.empty())) {
            JsonNode created = Json.parse(shell(commands.get(1).replace(README_PORT, address)));
            String taskUuid = created.path("task_uuid").asString();
            assertThat(taskUuid).as(created.toString()).isNotEmpty();
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    api.get("/v1/tasks/" + taskUuid).path("status").asString().matches("complete|error"));
            JsonNode task = api.get("/v1/tasks/" + taskUuid);
            assertThat(task.path("status").asString()).as(task.toString()).isEqualTo("complete");
            JsonNode notify = stepNamed(task, "notify");
            assertThat(notify.path("results").path("context").path("name").asString()).as("echoed")
                    .isEqualTo("ada");

            CliRun list = cli(commands.get(2), server, taskUuid);
            assertThat(list.exitCode()).as(list.err()).isZero();
            assertThat(list.out()).contains(taskUuid).contains("complete");
            CliRun get = cli(commands.get(3), server, taskUuid);
            assertThat(get.exitCode()).as(get.err()).isZero();
            assertThat(get.out()).contains("compose").contains("notify");

            JsonNode again = Json.parse(shell(commands.get(1).replace(README_PORT, address)));
            assertThat(again.path("error").asString()).isEqualTo("conflict");
            assertThat(again.path("existing_task_uuid").asString()).isEqualTo(taskUuid);
            JsonNode withKey = Json.parse(shell(repeatWithKey.replace(README_PORT, address)));
            assertThat(withKey.path("task_uuid").asString()).isNotEmpty().isNotEqualTo(taskUuid);
        }
    }

    /** A {@code bin/tasker ...} line of the README, run in-process against the test's server. */
    private static CliRun cli(String command, TaskerServer server, String taskUuid) {
        assertThat(command).startsWith("bin/tasker ");
        List<String> args = new ArrayList<>(List.of(command.substring("bin/tasker ".length())
                .replace("<task_uuid>", taskUuid).split(" ")));
        args.add("--url");
        args.add(server.baseUrl());
        return CliRun.of(args.toArray(String[]::new));
    }

    private static String shell(String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    /** The commands of a bash block, continuation lines joined. */
    private static List<String> commands(String block) {
        return List.of(block.replace("\\\n", " ").lines().map(String::strip).filter(l -> !l.isEmpty())
                .map(l -> l.replaceAll(" +", " ")).toArray(String[]::new));
    }

    private static JsonNode stepNamed(JsonNode task, String name) {
        for (JsonNode step : task.path("steps")) {
            if (step.path("name").asString().equals(name)) {
                return step;
            }
        }
        throw new AssertionError("no step " + name + " in " + task);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String firstGroup(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        assertThat(matcher.find()).as("README contains " + regex).isTrue();
        return matcher.group(1);
    }
}
