package io.tasker.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tasker.board.testing.BoardKit;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.testing.DatabaseTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Dependencies: cycles refused when written (also when two writers race), removal, and the tree. */
@DatabaseTest
class DependenciesTest {

    @Test
    void a_dependency_that_closes_a_cycle_is_refused_with_the_cycle(DataSource dataSource) {
        BoardKit kit = new BoardKit(dataSource);
        Agent ann = kit.agent("ann");
        BoardTask a = kit.board.tasks().create(ann, NewTask.titled("A"));
        BoardTask b = kit.board.tasks().create(ann, NewTask.titled("B").dependingOn(a.id()));
        BoardTask c = kit.board.tasks().create(ann, NewTask.titled("C").dependingOn(b.id()));

        assertThatThrownBy(() -> kit.board.dependencies().add(ann, a.id(), c.id()))
                .isInstanceOf(BoardConflictException.class)
                .hasMessage("board task " + a.id() + " cannot depend on " + c.id() + ": that would close the cycle "
                        + a.id() + " -> " + c.id() + " -> " + b.id() + " -> " + a.id())
                .satisfies(e -> assertThat(((BoardConflictException) e).cycle())
                        .containsExactly(a.id(), c.id(), b.id(), a.id()));
        assertThatThrownBy(() -> kit.board.dependencies().add(ann, a.id(), a.id()))
                .isInstanceOf(io.tasker.InvalidInputException.class);
    }

    @Test
    void concurrent_additions_never_close_a_cycle_together(DataSource dataSource) throws Exception {
        BoardKit kit = new BoardKit(dataSource);
        Agent ann = kit.agent("ann");
        int pairs = 10;
        List<Callable<Boolean>> additions = new ArrayList<>();
        List<String[]> rings = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            // A ring of four: x0 <- x1 and x2 <- x3 exist; adding x1 <- x2 and x3 <- x0 at once would close it.
            String[] ring = new String[4];
            for (int j = 0; j < 4; j++) {
                ring[j] = kit.board.tasks().create(ann, NewTask.titled("ring " + i + "." + j)).id();
            }
            kit.board.dependencies().add(ann, ring[1], ring[0]);
            kit.board.dependencies().add(ann, ring[3], ring[2]);
            rings.add(ring);
            additions.add(attempt(kit, ann, ring[2], ring[1]));
            additions.add(attempt(kit, ann, ring[0], ring[3]));
        }
        List<Boolean> added = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<Boolean> outcome : pool.invokeAll(additions)) {
                added.add(outcome.get());
            }
        }
        for (int i = 0; i < pairs; i++) {
            assertThat(added.get(2 * i) ^ added.get(2 * i + 1)).as("exactly one of ring " + i + "'s two edges")
                    .isTrue();
        }
        long cycles = new Jdbc(dataSource).queryOne("""
                WITH RECURSIVE walk (start, node, depth) AS (
                    SELECT task_id, depends_on, 1 FROM tasker_board.dependencies
                    UNION ALL
                    SELECT w.start, d.depends_on, w.depth + 1 FROM walk w
                    JOIN tasker_board.dependencies d ON d.task_id = w.node WHERE w.depth < 10)
                SELECT count(*) FROM walk WHERE start = node
                """, row -> row.getLong(1)).orElseThrow();
        assertThat(cycles).isZero();
    }

    private static Callable<Boolean> attempt(BoardKit kit, Agent agent, String task, String dependsOn) {
        return () -> {
            try {
                kit.board.dependencies().add(agent, task, dependsOn);
                return true;
            } catch (BoardConflictException cycle) {
                return false;
            }
        };
    }

    @Test
    void the_tree_shows_what_a_task_waits_for_and_what_waits_for_it(DataSource dataSource) {
        BoardKit kit = new BoardKit(dataSource);
        Agent ann = kit.agent("ann");
        BoardTask base = kit.board.tasks().create(ann, NewTask.titled("Base"));
        BoardTask left = kit.board.tasks().create(ann, NewTask.titled("Left").dependingOn(base.id()));
        BoardTask right = kit.board.tasks().create(ann, NewTask.titled("Right").dependingOn(base.id()));
        BoardTask top = kit.board.tasks().create(ann, NewTask.titled("Top").dependingOn(left.id(), right.id()));

        DependencyTree up = kit.board.dependencies().tree(ann.orgId(), top.id(), false);
        assertThat(up.children()).extracting(DependencyTree::title).containsExactlyInAnyOrder("Left", "Right");
        List<DependencyTree> bases = up.children().stream().map(child -> child.children().getFirst()).toList();
        assertThat(bases).extracting(DependencyTree::id).containsOnly(base.id());
        assertThat(bases).extracting(DependencyTree::repeated).containsExactlyInAnyOrder(false, true);

        DependencyTree down = kit.board.dependencies().tree(ann.orgId(), base.id(), true);
        assertThat(down.children()).extracting(DependencyTree::title).containsExactlyInAnyOrder("Left", "Right");
        assertThat(down.children().getFirst().status()).isEqualTo(TaskStatus.BLOCKED);
    }

    @Test
    void a_task_with_dependents_cannot_be_deleted(DataSource dataSource) {
        BoardKit kit = new BoardKit(dataSource);
        Agent ann = kit.agent("ann");
        BoardTask base = kit.board.tasks().create(ann, NewTask.titled("Base"));
        BoardTask top = kit.board.tasks().create(ann, NewTask.titled("Top").dependingOn(base.id()));
        assertThatThrownBy(() -> kit.board.tasks().delete(ann, base.id())).isInstanceOf(BoardConflictException.class)
                .hasMessageContaining(top.id() + " depends on it");
        kit.board.tasks().delete(ann, top.id());
        kit.board.tasks().delete(ann, base.id());
        assertThat(kit.board.tasks().list(ann.orgId(), TaskQuery.all())).isEmpty();
    }
}
