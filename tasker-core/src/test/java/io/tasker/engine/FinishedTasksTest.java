package io.tasker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.tasker.Tasker;
import io.tasker.engine.store.Notifications;
import io.tasker.handler.StepResult;
import io.tasker.json.Json;
import io.tasker.state.TaskState;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.task.TaskRequest;
import io.tasker.testing.DatabaseTest;
import io.tasker.testing.Engines;
import io.tasker.engine.store.NotificationListener;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Whatever finishes a task announces it: NOTIFY tasker_tasks_finished wakes waiters in other processes (no loop of
 * reads: here the safety re-read is an hour away), and completion webhooks land in the outbox in the same
 * transaction.
 */
@DatabaseTest
class FinishedTasksTest {

    private static final String TEMPLATE = """
            name: hooked
            namespace_name: finished
            version: 1.0.0
            identity_strategy: always_unique
            on_complete: {url: "https://hooks.example.com/template"}
            steps:
              - {name: only, handler: {callable: gate}}
            """;

    @Test
    void a_waiter_wakes_on_the_notification_of_another_engine(DataSource dataSource) throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        TaskCompletions completions = new TaskCompletions();
        try (Tasker engine = Engines.fast(dataSource).handler("gate", ctx -> {
                gate.await();
                return StepResult.success(Map.of());
            }).template(TEMPLATE).start();
             NotificationListener listener = new NotificationListener(dataSource, Map.of(Notifications.TASKS_FINISHED,
                     payload -> completions.announced(Arrays.stream(payload.split(",")).map(UUID::fromString).toList(),
                             engine.tasks()::state)), () -> { })) {
            UUID task = engine.createTask(TaskRequest.of("finished", "hooked").build()).taskUuid();
            CompletableFuture<TaskState> waited = CompletableFuture.supplyAsync(() ->
                    completions.await(task, Duration.ofHours(1), engine.tasks()::state, Duration.ofHours(1)));
            gate.countDown();
            assertThat(waited.get()).isEqualTo(TaskState.COMPLETE);
        }
    }

    @Test
    void completion_webhooks_of_the_template_and_the_task_are_written_as_the_task_finishes(DataSource dataSource) {
        Jdbc jdbc = new Jdbc(dataSource);
        try (Tasker engine = Engines.fast(dataSource).handler("gate", ctx -> StepResult.success(Map.of()))
                .template(TEMPLATE).start()) {
            UUID done = engine.createTask(TaskRequest.of("finished", "hooked")
                    .onComplete("https://hooks.example.com/task").build()).taskUuid();
            assertThat(engine.awaitCompletion(done, Duration.ofSeconds(30))).isEqualTo(TaskState.COMPLETE);
            UUID cancelled = engine.createTask(TaskRequest.of("finished", "hooked")
                    .runAt(java.time.Instant.now().plus(Duration.ofHours(1))).build()).taskUuid();
            engine.cancel(cancelled, "no", "test");

            List<String> rows = jdbc.query("""
                    SELECT task_uuid || ' ' || topic || ' ' || target_url FROM tasker.outbox
                    WHERE kind = 'webhook' ORDER BY target_url, topic""", row -> row.getString(1));
            assertThat(rows).containsExactlyInAnyOrder(
                    cancelled + " task.cancelled https://hooks.example.com/template",
                    done + " task.complete https://hooks.example.com/task",
                    done + " task.complete https://hooks.example.com/template");
            JsonNode payload = jdbc.queryOne("SELECT payload FROM tasker.outbox WHERE task_uuid = ? LIMIT 1",
                    row -> Json.parse(row.getString(1)), done).orElseThrow();
            assertThat(payload.path("state").asString()).isEqualTo("complete");
            assertThat(payload.path("name").asString()).isEqualTo("hooked");
        }
    }
}
