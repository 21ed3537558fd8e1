package io.tasker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.tasker.Tasker;
import io.tasker.handler.StepResult;
import io.tasker.state.TaskState;
import io.tasker.task.CreatedTask;
import io.tasker.task.TaskFilter;
import io.tasker.task.TaskRequest;
import io.tasker.testing.DatabaseTest;
import io.tasker.testing.Engines;
import io.tasker.testing.Templates;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;


/** Correlation ids reach handlers and their logging context, and a listing by correlation id finds a whole family. */
@DatabaseTest
class CorrelationTest {

    private static final String TEMPLATE = Templates.template("correlation", "correlated").step("log", "mdc").yaml();

    private Tasker tasker;

    @BeforeEach
    void start(DataSource dataSource) {
        tasker = Engines.fast(dataSource)
                .handler("mdc", ctx -> {
                    Map<String, Object> seen = new HashMap<>();
                    seen.put("correlation_id", MDC.get("correlation_id"));
                    seen.put("parent_correlation_id", MDC.get("parent_correlation_id"));
                    seen.put("task_uuid", MDC.get("task_uuid"));
                    seen.put("context_correlation_id", ctx.correlationId().toString());
                    seen.put("context_parent", ctx.parentCorrelationId().map(UUID::toString).orElse(null));
                    return StepResult.success(seen);
                })
                .template(TEMPLATE).start();
    }

    @AfterEach
    void stop() {
        tasker.close();
    }

    @Test
    void a_handler_logs_with_its_task_and_correlation_ids() {
        UUID parent = UUID.randomUUID();
        CreatedTask task = tasker.createTask(TaskRequest.of("correlation", "correlated")
                .parentCorrelationId(parent).build());
        assertThat(tasker.awaitCompletion(task.taskUuid(), Duration.ofSeconds(30))).isEqualTo(TaskState.COMPLETE);

        var seen = tasker.tasks().step(task.taskUuid(), "log").orElseThrow().row().results();
        assertThat(seen.path("task_uuid").asString()).isEqualTo(task.taskUuid().toString());
        assertThat(seen.path("correlation_id").asString()).isEqualTo(task.correlationId().toString());
        assertThat(seen.path("parent_correlation_id").asString()).isEqualTo(parent.toString());
        assertThat(seen.path("context_correlation_id").asString()).isEqualTo(task.correlationId().toString());
        assertThat(seen.path("context_parent").asString()).isEqualTo(parent.toString());
    }

    @Test
    void a_listing_by_correlation_id_finds_the_task_its_children_and_their_children() {
        UUID root = UUID.randomUUID();
        UUID first = create(Optional.of(root), Optional.empty());
        UUID child = create(Optional.empty(), Optional.of(root));
        UUID grandchild = create(Optional.empty(), Optional.of(correlationOf(child)));
        UUID stranger = create(Optional.empty(), Optional.empty());

        assertThat(family(root)).containsExactlyInAnyOrder(first, child, grandchild).doesNotContain(stranger);
        assertThat(family(correlationOf(child))).containsExactlyInAnyOrder(child, grandchild);
        assertThat(family(correlationOf(grandchild))).containsExactly(grandchild);
    }

    private UUID create(Optional<UUID> correlation, Optional<UUID> parent) {
        TaskRequest.Builder request = TaskRequest.of("correlation", "correlated");
        correlation.ifPresent(request::correlationId);
        parent.ifPresent(request::parentCorrelationId);
        return tasker.createTask(request.build()).taskUuid();
    }

    private UUID correlationOf(UUID task) {
        return tasker.queries().task(task).row().correlationId();
    }

    private java.util.List<UUID> family(UUID correlation) {
        TaskFilter filter = new TaskFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(correlation));
        return tasker.queries().list(filter, 1, 100).items().stream().map(t -> t.row().taskUuid()).toList();
    }
}
