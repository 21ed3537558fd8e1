package io.tasker.board;

import static org.assertj.core.api.Assertions.assertThat;

import io.tasker.board.testing.BoardKit;
import io.tasker.testing.DatabaseTest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Ready work: pending tasks without open dependencies, by priority then age, the same set in list and count. */
@DatabaseTest
class ReadyWorkTest {

    @Test
    void ready_lists_pending_tasks_without_open_dependencies_by_priority_then_age(DataSource dataSource) {
        BoardKit kit = new BoardKit(dataSource);
        Agent ann = kit.agent("ann");
        BoardTask oldLow = create(kit, ann, "old low", Priority.LOW);
        BoardTask oldHigh = create(kit, ann, "old high", Priority.HIGH);
        BoardTask newHigh = create(kit, ann, "new high", Priority.HIGH);
        BoardTask critical = create(kit, ann, "critical", Priority.CRITICAL);
        BoardTask medium = create(kit, ann, "medium", Priority.MEDIUM);
        BoardTask blocked = kit.board.tasks().create(ann, NewTask.titled("blocked").withPriority(Priority.CRITICAL)
                .dependingOn(medium.id()));
        BoardTask claimed = create(kit, ann, "claimed", Priority.CRITICAL);
        kit.board.claims().claim(ann, claimed.id(), Claims.DEFAULT_TTL);
        BoardTask done = create(kit, ann, "done", Priority.HIGH);
        kit.board.transitions().complete(ann, done.id(), Optional.empty());

        List<BoardTask> ready = kit.board.ready().list(ann.orgId(), 100, Optional.empty());

        assertThat(ready).extracting(BoardTask::id).containsExactly(critical.id(), oldHigh.id(), newHigh.id(),
                medium.id(), oldLow.id()).doesNotContain(blocked.id());
        assertThat(kit.board.ready().count(ann.orgId())).isEqualTo(ready.size());
        assertThat(kit.board.ready().stats(ann).ready()).isEqualTo(ready.size());
        assertThat(kit.board.ready().stats(ann).byStatus()).containsEntry(TaskStatus.BLOCKED, 1L)
                .containsEntry(TaskStatus.IN_PROGRESS, 1L).containsEntry(TaskStatus.COMPLETED, 1L)
                .containsEntry(TaskStatus.PENDING, 5L).containsEntry(TaskStatus.CANCELLED, 0L);
    }

    @Test
    void claimable_ready_work_leaves_out_tasks_assigned_to_others(DataSource dataSource) {
        BoardKit kit = new BoardKit(dataSource);
        Agent ann = kit.agent("ann");
        kit.agent("bob");
        BoardTask mine = kit.board.tasks().create(ann, NewTask.titled("mine").withAssignee("ann"));
        BoardTask open = kit.board.tasks().create(ann, NewTask.titled("anyone"));
        kit.board.tasks().create(ann, NewTask.titled("bob's").withAssignee("bob"));
        assertThat(kit.board.ready().list(ann.orgId(), 10, Optional.of(ann))).extracting(BoardTask::id)
                .containsExactlyInAnyOrder(mine.id(), open.id());
        assertThat(kit.board.ready().list(ann.orgId(), 10, Optional.empty())).hasSize(3);
    }

    private static BoardTask create(BoardKit kit, Agent agent, String title, Priority priority) {
        kit.clock.advance(Duration.ofSeconds(1));
        return kit.board.tasks().create(agent, NewTask.titled(title).withPriority(priority));
    }
}
