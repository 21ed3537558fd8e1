package io.tasker.cli;

import io.tasker.cli.client.TaskerClient;
import io.tasker.testing.ChildJvm;
import io.tasker.testing.TestPostgres;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code tasker server} as a child process on the tests' shared database, and a client for its API. */
final class ServerChild {

    /** Start-up is slow on a loaded machine (a JVM, migrations, the engine). */
    static final Duration START = Duration.ofSeconds(120);

    private ServerChild() {
    }

    /** A server on the shared test database with the given templates directory, on a free port. */
    static ChildJvm start(Path templates, String... extra) {
        List<String> arguments = new ArrayList<>(List.of("server", "--database-url",
                TestPostgres.shared().jdbcUrl(), "--port", "0", "--templates", templates.toString()));
        arguments.addAll(List.of(extra));
        return ChildJvm.start(TaskerCli.class, arguments.toArray(String[]::new));
    }

    /** Waits until the server says it is running and returns a client for the URL it printed. */
    static TaskerClient client(ChildJvm server) throws InterruptedException {
        String line = server.awaitLine("Tasker is running: ", START);
        String url = line.substring("Tasker is running: ".length()).split(" ")[0];
        return new TaskerClient(URI.create(url), Optional.empty());
    }
}
