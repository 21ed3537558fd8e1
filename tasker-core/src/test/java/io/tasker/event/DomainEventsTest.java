package io.tasker.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.tasker.Tasker;
import io.tasker.handler.StepResult;
import io.tasker.json.Json;
import io.tasker.state.TaskState;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.task.TaskRequest;
import io.tasker.testing.DatabaseTest;
import io.tasker.testing.Engines;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** publishes_events go to the outbox with the step's result, one row per subscriber that wants the event. */
@DatabaseTest
class DomainEventsTest {

    static final String TEMPLATE = """
            name: shop
            namespace_name: events
            version: 1.0.0
            identity_strategy: always_unique
            steps:
              - name: charge
                handler: {callable: charge}
                retry: {max_attempts: 1}
                publishes_events:
                  - {name: payment.charged, condition: success}
                  - {name: payment.failed, condition: permanent_failure}
                  - {name: audit.step, condition: always}
            """;

    static final io.tasker.handler.StepHandler CHARGE = ctx -> ctx.taskContext().path("declined").asBoolean(false)
            ? StepResult.permanentFailure("card declined")
            : StepResult.success(Map.of("charge_id", "ch_" + ctx.taskContext().path("n").asInt()));

    @Test
    void each_subscriber_gets_the_events_it_wants_written_with_the_result(DataSource dataSource) {
        Jdbc jdbc = new Jdbc(dataSource);
        try (Tasker tasker = Engines.fast(dataSource).handler("charge", CHARGE).template(TEMPLATE)
                .eventSubscribers(List.of(new EventSubscriber("https://billing.example.com/events",
                                List.of("payment.*")),
                        new EventSubscriber("https://audit.example.com/all", List.of("*"))))
                .start()) {
            UUID paid = tasker.createTask(TaskRequest.of("events", "shop").context(Map.of("n", 1)).build())
                    .taskUuid();
            UUID declined = tasker.createTask(TaskRequest.of("events", "shop")
                    .context(Map.of("n", 2, "declined", true)).build()).taskUuid();
            assertThat(tasker.awaitCompletion(paid, Duration.ofSeconds(30))).isEqualTo(TaskState.COMPLETE);
            assertThat(tasker.awaitCompletion(declined, Duration.ofSeconds(30))).isEqualTo(TaskState.ERROR);

            assertThat(topics(jdbc, paid)).containsExactly(
                    "audit.step https://audit.example.com/all",
                    "payment.charged https://audit.example.com/all",
                    "payment.charged https://billing.example.com/events");
            assertThat(topics(jdbc, declined)).containsExactly(
                    "audit.step https://audit.example.com/all",
                    "payment.failed https://audit.example.com/all",
                    "payment.failed https://billing.example.com/events");
            JsonNode charged = jdbc.queryOne("SELECT payload FROM tasker.outbox WHERE task_uuid = ? AND topic = "
                    + "'payment.charged' LIMIT 1", row -> Json.parse(row.getString(1)), paid).orElseThrow();
            assertThat(charged.path("data").path("charge_id").asString()).isEqualTo("ch_1");
            assertThat(charged.path("step_name").asString()).isEqualTo("charge");
            assertThat(charged.path("condition").asString()).isEqualTo("success");
        }
    }

    @Test
    void without_subscribers_nothing_is_written(DataSource dataSource) {
        try (Tasker tasker = Engines.fast(dataSource).handler("charge", CHARGE).template(TEMPLATE).start()) {
            UUID task = tasker.createTask(TaskRequest.of("events", "shop").context(Map.of("n", 3)).build())
                    .taskUuid();
            assertThat(tasker.awaitCompletion(task, Duration.ofSeconds(30))).isEqualTo(TaskState.COMPLETE);
            assertThat(topics(new Jdbc(dataSource), task)).isEmpty();
        }
    }

    @Test
    void patterns_match_whole_dotted_parts() {
        assertThat(EventSubscriber.matches("payment.*", "payment.charged")).isTrue();
        assertThat(EventSubscriber.matches("payment.*", "payment.charged.late")).isFalse();
        assertThat(EventSubscriber.matches("*.charged", "payment.charged")).isTrue();
        assertThat(EventSubscriber.matches("*", "anything.at.all")).isTrue();
        assertThat(EventSubscriber.matches("order.paid", "order.paid")).isTrue();
    }

    static List<String> topics(Jdbc jdbc, UUID task) {
        return jdbc.query("SELECT topic || ' ' || target_url FROM tasker.outbox WHERE task_uuid = ? AND kind = 'event'"
                + " ORDER BY topic, target_url", row -> row.getString(1), task);
    }
}
