package io.tasker.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tasker.InvalidInputException;
import io.tasker.Tasker;
import io.tasker.state.StepState;
import io.tasker.task.TaskRequest;
import io.tasker.testing.DatabaseTest;
import io.tasker.testing.Engines;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Starting a server on a port another process holds fails before anything touches the database; a start that fails
 * after the engine started leaves no engine running.
 */
@DatabaseTest
class ServerStartTest {

    private static final String TEMPLATE = """
            name: one_step
            namespace_name: start_checks
            version: 1.0.0
            identity_strategy: always_unique
            steps:
              - {name: only, handler: {callable: noop}}
            """;

    @Test
    void a_port_in_use_is_refused_before_workers_start_claiming(DataSource dataSource) throws Exception {
        UUID task;
        try (Tasker creator = Engines.fast(dataSource).runWorkers(false).runMaintenance(false).template(TEMPLATE)
                .start()) {
            task = creator.createTask(TaskRequest.of("start_checks", "one_step").build()).taskUuid();
        }
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> TaskerServer.start(Servers.settings(dataSource).withListen("127.0.0.1", port)
                    .withTemplates(List.of(TEMPLATE), Optional.empty())))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("server.port: 127.0.0.1:" + port + " is already in use (another Tasker server?);"
                            + " stop it or choose another port with --port");
        }
        try (Tasker reader = Engines.fast(dataSource).runWorkers(false).runMaintenance(false).start()) {
            assertThat(reader.tasks().step(task, "only").orElseThrow().state()).as("nobody claimed it")
                    .isEqualTo(StepState.ENQUEUED);
        }
    }

    @Test
    void a_start_failing_after_the_engine_started_stops_the_engine(DataSource dataSource) throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            int port = freePort();
            // The port is free when the server checks it and taken once it touches the database: its API then fails
            // to start after the engine did.
            DataSource takesThePort = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {DataSource.class}, (proxy, method, arguments) -> {
                        if (!taken.isBound()) {
                            taken.bind(new InetSocketAddress("127.0.0.1", port));
                        }
                        try {
                            return method.invoke(dataSource, arguments);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });

            assertThatThrownBy(() -> TaskerServer.start(Servers.settings(takesThePort).withListen("127.0.0.1", port)
                    .withTemplates(List.of(TEMPLATE), Optional.empty()))).isInstanceOf(RuntimeException.class);
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(Thread.getAllStackTraces().keySet())
                .extracting(Thread::getName).as("the engine's threads")
                .noneMatch(name -> name.startsWith("tasker-worker") || name.startsWith("tasker-maintenance")));
    }

    private static int freePort() throws Exception {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress("127.0.0.1", 0));
            return probe.getLocalPort();
        }
    }
}
