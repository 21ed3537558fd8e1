package io.tasker.board;

import static org.assertj.core.api.Assertions.assertThat;

import io.tasker.board.testing.BoardKit;
import io.tasker.testing.DatabaseTest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Every notification type is written, to the right recipients, and read state is per recipient. Three of these are
 * the original's defects: one shared read flag on broadcasts, {@code watch} marking more than it shows, and
 * {@code critical} refused.
 */
@DatabaseTest
class NotificationsTest {

    @Test
    void a_broadcast_read_by_one_agent_stays_unread_for_the_others(DataSource dataSource) {
        BoardKit kit = new BoardKit(dataSource);
        Agent ann = kit.agent("ann");
        Agent bob = kit.agent("bob");
        Agent cy = kit.agent("cy");
        BoardTask task = kit.board.tasks().create(ann, NewTask.titled("Investigate the leak"));

        kit.board.context().write(ann, task.id(), ContextType.DISCOVERY, "the pool is never closed", Optional.empty());

        assertThat(kit.board.inbox().take(bob, 10)).singleElement().satisfies(n -> {
            assertThat(n.type()).isEqualTo(NotificationType.DISCOVERY);
            assertThat(n.broadcast()).isTrue();
            assertThat(n.from()).isEqualTo("ann");
        });
        assertThat(kit.board.inbox().take(bob, 10)).as("bob read it").isEmpty();
        assertThat(kit.board.inbox().unread(cy)).as("cy has not").isEqualTo(1);
        assertThat(kit.board.inbox().take(cy, 10)).extracting(Notification::type)
                .containsExactly(NotificationType.DISCOVERY);
        assertThat(kit.board.inbox().unread(ann)).as("no echo of one's own broadcast").isZero();
    }

    @Test
    void watch_with_a_limit_marks_exactly_the_notifications_it_returns(DataSource dataSource) {
        BoardKit kit = new BoardKit(dataSource);
        Agent ann = kit.agent("ann");
        Agent bob = kit.agent("bob");
        for (int i = 0; i < 15; i++) {
            kit.board.tasks().create(ann, NewTask.titled("Task " + i).withAssignee("bob"));
        }
        assertThat(kit.board.inbox().unread(bob)).isEqualTo(15);

        List<Notification> first = kit.board.inbox().take(bob, 10);

        assertThat(first).hasSize(10);
        assertThat(kit.board.inbox().unread(bob)).isEqualTo(5);
        List<Notification> rest = kit.board.inbox().take(bob, 10);
        assertThat(rest).hasSize(5);
        assertThat(rest.getFirst().id()).isGreaterThan(first.getLast().id());
        assertThat(kit.board.inbox().peek(bob, 10)).isEmpty();
    }

    @Test
    void a_task_created_or_raised_to_critical_notifies_every_agent(DataSource dataSource) {
        BoardKit kit = new BoardKit(dataSource);
        Agent ann = kit.agent("ann");
        Agent bob = kit.agent("bob");
        Agent cy = kit.agent("cy");

        BoardTask outage = kit.board.tasks().create(ann, NewTask.titled("Production is down")
                .withPriority(Priority.CRITICAL));
        assertThat(outage.priority()).isEqualTo(Priority.CRITICAL);
        BoardTask raised = kit.board.tasks().create(ann, NewTask.titled("Certificate expires"));
        kit.board.tasks().update(ann, raised.id(), TaskChanges.none().withPriority(Priority.CRITICAL));

        for (Agent agent : List.of(bob, cy)) {
            assertThat(kit.board.inbox().take(agent, 10)).extracting(Notification::type, n -> n.taskId().orElseThrow())
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(NotificationType.CRITICAL, outage.id()),
                            org.assertj.core.groups.Tuple.tuple(NotificationType.CRITICAL, raised.id()));
        }
    }

    @Test
    void completion_assignment_unblocking_cancellation_and_expiry_are_all_written(DataSource dataSource) {
        BoardKit kit = new BoardKit(dataSource);
        Agent ann = kit.agent("ann");
        Agent bob = kit.agent("bob");
        BoardTask first = kit.board.tasks().create(ann, NewTask.titled("First"));
        BoardTask second = kit.board.tasks().create(ann, NewTask.titled("Second").dependingOn(first.id()));
        kit.board.tasks().update(ann, second.id(), new TaskChanges(Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of("bob"), Optional.empty(), Optional.empty(), List.of()));
        BoardTask third = kit.board.tasks().create(bob, NewTask.titled("Third"));
        BoardTask fourth = kit.board.tasks().create(ann, NewTask.titled("Fourth"));
        kit.board.claims().claim(bob, fourth.id(), Duration.ofSeconds(30));

        Agent cy = kit.agent("cy");
        kit.board.claims().claim(cy, first.id(), Claims.DEFAULT_TTL);
        kit.board.transitions().complete(cy, first.id(), Optional.of("done"));
        kit.board.transitions().cancel(ann, third.id(), Optional.of("duplicate"));
        kit.clock.advance(Duration.ofMinutes(1));
        kit.board.claims().expireDue(ann.orgId());

        assertThat(kit.board.inbox().take(bob, 20)).extracting(Notification::type).containsExactly(
                NotificationType.TASK_ASSIGNED, NotificationType.TASK_UNBLOCKED, NotificationType.TASK_CANCELLED,
                NotificationType.LEASE_EXPIRED);
        assertThat(kit.board.inbox().take(ann, 20)).extracting(Notification::type)
                .containsExactly(NotificationType.TASK_COMPLETED);
    }

    @Test
    void assigning_to_oneself_tells_nobody(DataSource dataSource) {
        BoardKit kit = new BoardKit(dataSource);
        Agent ann = kit.agent("ann");
        kit.board.tasks().create(ann, NewTask.titled("Mine").withAssignee("ann"));
        assertThat(kit.board.inbox().unread(ann)).isZero();
    }

    @Test
    void a_broadcast_made_before_an_agent_first_acted_is_not_in_its_inbox(DataSource dataSource) {
        BoardKit kit = new BoardKit(dataSource);
        Agent ann = kit.agent("ann");
        kit.board.tasks().create(ann, NewTask.titled("Old news").withPriority(Priority.CRITICAL));
        kit.clock.advance(Duration.ofSeconds(1));
        Agent late = kit.agent("late");
        assertThat(kit.board.inbox().unread(late)).isZero();
    }
}
