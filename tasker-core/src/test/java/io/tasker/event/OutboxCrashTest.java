package io.tasker.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tasker.Tasker;
import io.tasker.engine.TaskCreator;
import io.tasker.handler.StepHandler;
import io.tasker.handler.StepResult;
import io.tasker.state.TaskState;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.task.TaskRequest;
import io.tasker.testing.ChildJvm;
import io.tasker.testing.DatabaseTest;
import io.tasker.testing.Engines;
import io.tasker.testing.TestPostgres;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The engine recording results is killed with SIGKILL mid-run. An event is written in its step's transaction, so
 * afterwards every completed step has exactly its event in the outbox: none lost, none written twice, none for a
 * result that was not stored (the attempts the kill cut short ran again and published once).
 */
@DatabaseTest
class OutboxCrashTest {

    static final String TEMPLATE = """
            name: shop_retrying
            namespace_name: events
            version: 1.0.0
            identity_strategy: always_unique
            steps:
              - name: charge
                handler: {callable: charge}
                retry: {max_attempts: 3, backoff: none}
                publishes_events:
                  - {name: payment.charged, condition: success}
            """;

    static final EventSubscriber SUBSCRIBER = new EventSubscriber("https://audit.example.com/all", List.of("*"));

    static final StepHandler SLOW_CHARGE = ctx -> {
        Thread.sleep(40);
        return StepResult.success(Map.of("n", ctx.taskContext().path("n").asInt()));
    };

    private static final int TASKS = 150;

    @Test
    void every_stored_result_has_its_events_and_no_other(TestPostgres postgres) throws Exception {
        Jdbc jdbc = new Jdbc(postgres.dataSource());
        List<UUID> tasks = new ArrayList<>();
        try (Tasker creator = Engines.fast(postgres.dataSource()).runWorkers(false).runMaintenance(false)
                .handler("charge", SLOW_CHARGE).template(TEMPLATE).start()) {
            List<TaskRequest> requests = new ArrayList<>();
            for (int i = 0; i < TASKS; i++) {
                requests.add(TaskRequest.of("events", "shop_retrying").context(Map.of("n", i)).build());
            }
            creator.creation().createTasks(requests).forEach(c ->
                    tasks.add(((TaskCreator.Creation.Created) c).task().taskUuid()));
        }
        try (ChildJvm child = ChildJvm.start(EventingEngineMain.class, postgres.jdbcUrl())) {
            child.awaitLine("READY", Duration.ofSeconds(60));
            await().atMost(Duration.ofSeconds(60)).until(() -> complete(jdbc) >= 40);
            child.kill();
        }
        assertThat(complete(jdbc)).as("the kill landed mid-run").isLessThan(TASKS);
        try (Tasker survivor = Engines.fast(postgres.dataSource()).leaseDuration(Duration.ofSeconds(2))
                .handler("charge", SLOW_CHARGE).template(TEMPLATE)
                .eventSubscribers(List.of(SUBSCRIBER)).start()) {
            for (UUID task : tasks) {
                assertThat(survivor.awaitCompletion(task, Duration.ofSeconds(60))).isEqualTo(TaskState.COMPLETE);
            }
        }
        for (UUID task : tasks) {
            assertThat(DomainEventsTest.topics(jdbc, task)).as("events of task %s", task)
                    .containsExactly("payment.charged https://audit.example.com/all");
        }
    }

    private static int complete(Jdbc jdbc) {
        return jdbc.queryOne("SELECT count(*) FROM tasker.workflow_steps WHERE current_state = 'complete'",
                row -> row.getInt(1)).orElse(0);
    }
}
