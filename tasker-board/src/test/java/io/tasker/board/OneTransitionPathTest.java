package io.tasker.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tasker.board.testing.BoardKit;
import io.tasker.testing.DatabaseTest;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * {@code complete}, {@code update --status completed} and the REST call are one operation: dependents whose last
 * open dependency it was become pending and their assignees are told (the original's {@code update} left them
 * blocked). Blocked tasks cannot be completed; cancelling leaves dependents blocked and tells them; an unknown id is
 * an error, never a silent success.
 */
@DatabaseTest
class OneTransitionPathTest {

    @Test
    void completing_unblocks_dependents_and_tells_their_assignees(DataSource dataSource) {
        BoardKit kit = new BoardKit(dataSource);
        Agent lead = kit.agent("lead");
        Agent dev = kit.agent("dev");
        BoardTask schema = kit.board.tasks().create(lead, NewTask.titled("Design the schema"));
        BoardTask api = kit.board.tasks().create(lead, NewTask.titled("Build the API").withAssignee("dev")
                .dependingOn(schema.id()));
        assertThat(api.status()).isEqualTo(TaskStatus.BLOCKED);
        kit.board.inbox().take(dev, 100);

        kit.board.transitions().complete(lead, schema.id(), Optional.of("schema in V1"));

        assertThat(kit.board.tasks().get(lead.orgId(), api.id()).status()).isEqualTo(TaskStatus.PENDING);
        assertThat(kit.board.inbox().take(dev, 10)).extracting(Notification::type)
                .containsExactly(NotificationType.TASK_UNBLOCKED);
    }

    @Test
    void update_status_completed_is_the_same_operation_as_complete(DataSource dataSource) {
        BoardKit kit = new BoardKit(dataSource);
        Agent lead = kit.agent("lead");
        Agent dev = kit.agent("dev");
        BoardTask first = kit.board.tasks().create(lead, NewTask.titled("First"));
        BoardTask second = kit.board.tasks().create(lead, NewTask.titled("Second").withAssignee("dev")
                .dependingOn(first.id()));
        kit.board.inbox().take(dev, 100);

        BoardTask done = kit.board.tasks().update(lead, first.id(),
                TaskChanges.none().withStatus(TaskStatus.COMPLETED).withSummary("done by update"));

        assertThat(done.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(done.summary()).contains("done by update");
        assertThat(done.completedAt()).isPresent();
        assertThat(kit.board.tasks().get(lead.orgId(), second.id()).status()).isEqualTo(TaskStatus.PENDING);
        assertThat(kit.board.inbox().take(dev, 10)).extracting(Notification::type)
                .containsExactly(NotificationType.TASK_UNBLOCKED);
        assertThat(kit.board.audit().history(lead.orgId(), first.id())).extracting(AuditRecord::action)
                .contains("complete");
    }

    @Test
    void a_blocked_task_cannot_be_completed_while_a_dependency_is_open(DataSource dataSource) {
        BoardKit kit = new BoardKit(dataSource);
        Agent lead = kit.agent("lead");
        BoardTask first = kit.board.tasks().create(lead, NewTask.titled("First"));
        BoardTask second = kit.board.tasks().create(lead, NewTask.titled("Second").dependingOn(first.id()));

        assertThatThrownBy(() -> kit.board.transitions().complete(lead, second.id(), Optional.empty()))
                .isInstanceOf(BoardConflictException.class)
                .hasMessage("board task " + second.id() + " cannot be completed while a dependency is open: "
                        + first.id() + " (pending)");
        assertThatThrownBy(() -> kit.board.tasks().update(lead, second.id(),
                TaskChanges.none().withStatus(TaskStatus.COMPLETED))).isInstanceOf(BoardConflictException.class);
        assertThat(kit.board.tasks().get(lead.orgId(), second.id()).status()).isEqualTo(TaskStatus.BLOCKED);
    }

    @Test
    void cancelling_is_allowed_and_dependents_stay_blocked_and_are_told(DataSource dataSource) {
        BoardKit kit = new BoardKit(dataSource);
        Agent lead = kit.agent("lead");
        Agent dev = kit.agent("dev");
        BoardTask first = kit.board.tasks().create(lead, NewTask.titled("First"));
        BoardTask second = kit.board.tasks().create(lead, NewTask.titled("Second").withAssignee("dev")
                .dependingOn(first.id()));
        kit.board.inbox().take(dev, 100);

        BoardTask cancelled = kit.board.tasks().update(lead, first.id(),
                TaskChanges.none().withStatus(TaskStatus.CANCELLED).withSummary("not needed"));

        assertThat(cancelled.status()).isEqualTo(TaskStatus.CANCELLED);
        assertThat(kit.board.tasks().get(lead.orgId(), second.id()).status()).isEqualTo(TaskStatus.BLOCKED);
        List<Notification> told = kit.board.inbox().take(dev, 10);
        assertThat(told).extracting(Notification::type).containsExactly(NotificationType.TASK_CANCELLED);
        assertThat(told.getFirst().message()).contains("stays blocked").contains(first.id());
        assertThatThrownBy(() -> kit.board.transitions().complete(lead, first.id(), Optional.empty()))
                .isInstanceOf(BoardConflictException.class).hasMessageContaining("is cancelled");
    }

    @Test
    void removing_the_cancelled_dependency_makes_the_dependent_ready(DataSource dataSource) {
        BoardKit kit = new BoardKit(dataSource);
        Agent lead = kit.agent("lead");
        BoardTask first = kit.board.tasks().create(lead, NewTask.titled("First"));
        BoardTask second = kit.board.tasks().create(lead, NewTask.titled("Second").dependingOn(first.id()));
        kit.board.transitions().cancel(lead, first.id(), Optional.empty());

        BoardTask freed = kit.board.dependencies().remove(lead, second.id(), first.id());

        assertThat(freed.status()).isEqualTo(TaskStatus.PENDING);
    }

    @Test
    void an_unknown_id_is_not_found_for_every_operation(DataSource dataSource) {
        BoardKit kit = new BoardKit(dataSource);
        Agent lead = kit.agent("lead");
        String missing = "0badc0de";
        List<Runnable> operations = List.of(
                () -> kit.board.transitions().complete(lead, missing, Optional.empty()),
                () -> kit.board.transitions().cancel(lead, missing, Optional.empty()),
                () -> kit.board.tasks().update(lead, missing, TaskChanges.none().withStatus(TaskStatus.COMPLETED)),
                () -> kit.board.claims().claim(lead, missing, Claims.DEFAULT_TTL),
                () -> kit.board.context().write(lead, missing, ContextType.PRIVATE, "a note", Optional.empty()),
                () -> kit.board.context().read(lead, missing),
                () -> kit.board.tasks().delete(lead, missing),
                () -> kit.board.dependencies().tree(lead.orgId(), missing, false));
        for (Runnable operation : operations) {
            assertThatThrownBy(operation::run).isInstanceOf(BoardTaskNotFoundException.class)
                    .hasMessage("board task '" + missing + "' not found");
        }
    }
}
