package io.tasker.dlq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tasker.ConflictException;
import io.tasker.Tasker;
import io.tasker.handler.StepResult;
import io.tasker.state.TaskState;
import io.tasker.store.rows.DlqReason;
import io.tasker.store.rows.DlqResolutionStatus;
import io.tasker.task.TaskRequest;
import io.tasker.testing.DatabaseTest;
import io.tasker.testing.Engines;
import io.tasker.testing.Invariants;
import io.tasker.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Dead letter entries that are not about staleness: a failed task opens one naming why its steps failed, and an
 * operator sends a task to the queue by hand (once while an entry is pending) and closes the entry.
 */
@DatabaseTest
class DlqEntriesTest {

    private DataSource dataSource;
    private Tasker tasker;

    @BeforeEach
    void remember(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @AfterEach
    void stop() {
        if (tasker != null) {
            tasker.close();
        }
        Invariants.check(dataSource);
    }

    @Test
    void a_failed_task_opens_an_entry_naming_why_its_steps_failed() {
        // A clock standing still (as in StalenessTest): a retry without backoff is due at once, so with maintenance
        // off nothing has to wake for it. On the real clock the retry time could fall after the transaction's now()
        // and then wait for the scheduler this test turns off.
        tasker = Engines.fast(dataSource).clock(new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS)))
                .runMaintenance(false)
                .handler("flaky", ctx -> StepResult.retryableFailure("still down"))
                .handler("broken", ctx -> StepResult.permanentFailure("bad input"))
                .template(StalenessTest.stuckTemplate("dlq", "flaky", "none"))
                .template(StalenessTest.stuckTemplate("dlq", "broken", "exponential"))
                .start();
        UUID exhausted = tasker.createTask(TaskRequest.of("stale", "stuck_dlq_flaky").build()).taskUuid();
        UUID broken = tasker.createTask(TaskRequest.of("stale", "stuck_dlq_broken").build()).taskUuid();
        assertThat(tasker.awaitCompletion(exhausted, Duration.ofSeconds(30))).isEqualTo(TaskState.ERROR);
        assertThat(tasker.awaitCompletion(broken, Duration.ofSeconds(30))).isEqualTo(TaskState.ERROR);

        assertThat(tasker.dlq().forTask(exhausted)).singleElement().satisfies(e -> {
            assertThat(e.row().dlqReason()).isEqualTo(DlqReason.MAX_RETRIES_EXCEEDED);
            assertThat(e.row().metadata().path("exhausted_steps").toString()).isEqualTo("[\"first\"]");
            assertThat(e.row().taskSnapshot().path("task").path("state").asString()).isEqualTo("error");
        });
        assertThat(tasker.dlq().forTask(broken)).singleElement().satisfies(e -> {
            assertThat(e.row().dlqReason()).isEqualTo(DlqReason.PERMANENT_FAILURE);
            assertThat(e.row().resolutionStatus()).isEqualTo(DlqResolutionStatus.PENDING);
            assertThat(e.row().metadata().path("failed_steps").toString()).isEqualTo("[\"first\"]");
        });
        assertThat(tasker.dlq().investigationQueue(50)).as("tasker dlq queue shows both")
                .extracting(InvestigationItem::taskUuid).containsExactlyInAnyOrder(exhausted, broken);
    }

    @Test
    void an_operator_can_send_a_task_to_the_queue_once() {
        tasker = Engines.fast(dataSource).runMaintenance(false)
                .template(StalenessTest.stuckTemplate("dlq", "external", "exponential")).start();
        UUID task = tasker.createTask(TaskRequest.of("stale", "stuck_dlq_external").build()).taskUuid();

        DlqEntry entry = tasker.dlq().sendToDlq(task, Optional.of("customer complained"), "ops");

        assertThat(entry.row().dlqReason()).isEqualTo(DlqReason.MANUAL_DLQ);
        assertThat(entry.row().resolutionNotes()).isEqualTo("customer complained");
        assertThat(entry.row().metadata().path("requested_by").asString()).isEqualTo("ops");
        assertThat(tasker.tasks().state(task).orElseThrow()).as("the task goes on").isEqualTo(TaskState.STEPS_IN_PROCESS);
        assertThatThrownBy(() -> tasker.dlq().sendToDlq(task, Optional.empty(), "ops"))
                .isInstanceOf(ConflictException.class).hasMessageContaining("has a pending dead letter entry");

        DlqEntry closed = tasker.dlq().update(entry.row().dlqEntryUuid(), DlqResolutionStatus.CANCELLED,
                Optional.of("false alarm"), "ops", Optional.empty());
        assertThat(closed.row().resolutionStatus()).isEqualTo(DlqResolutionStatus.CANCELLED);
        assertThat(closed.row().resolvedBy()).isEqualTo("ops");
        assertThat(closed.row().resolutionTimestamp()).isNotNull();
        assertThatThrownBy(() -> tasker.dlq().update(entry.row().dlqEntryUuid(),
                DlqResolutionStatus.MANUALLY_RESOLVED, Optional.empty(), "ops", Optional.empty()))
                .hasMessageContaining("is cancelled already");
        assertThat(tasker.dlq().sendToDlq(task, Optional.empty(), "ops").row().dlqReason())
                .as("a closed entry allows a new one").isEqualTo(DlqReason.MANUAL_DLQ);
    }
}
