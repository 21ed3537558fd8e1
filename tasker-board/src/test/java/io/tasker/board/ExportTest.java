package io.tasker.board;

import static org.assertj.core.api.Assertions.assertThat;

import io.tasker.board.testing.BoardKit;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.testing.DatabaseTest;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The export: every task of the org, however many, and only the context the exporting agent may read. */
@DatabaseTest
class ExportTest {

    @Test
    void the_export_holds_every_task_and_the_context_the_agent_may_read(DataSource dataSource) {
        BoardKit kit = new BoardKit(dataSource);
        Agent ann = kit.agent("ann");
        Agent bob = kit.agent("bob");
        BoardTask first = kit.board.tasks().create(ann, NewTask.titled("First").withPriority(Priority.CRITICAL));
        BoardTask second = kit.board.tasks().create(ann, NewTask.titled("Second").dependingOn(first.id()));
        kit.board.context().write(ann, first.id(), ContextType.SHARED, "shared by ann", Optional.empty());
        kit.board.context().write(bob, first.id(), ContextType.PRIVATE, "bob's own note", Optional.empty());
        kit.board.context().write(ann, second.id(), ContextType.PRIVATE, "ann's own note", Optional.empty());
        // More tasks than one page of the list (TaskQuery.MAX_LIMIT), written directly for speed.
        new Jdbc(dataSource).update("""
                INSERT INTO tasker_board.tasks (id, org_id, title, created_by, created_at, updated_at)
                SELECT lpad(to_hex(n), 8, '0'), ?, 'bulk ' || n, 'ann', now(), now()
                FROM generate_series(1, ?) AS n
                """, ann.orgId(), TaskQuery.MAX_LIMIT);

        BoardExport export = kit.board.export(bob);

        assertThat(export.tasks()).hasSize(TaskQuery.MAX_LIMIT + 2);
        assertThat(export.tasks().getFirst().task().id()).as("critical first, as list shows").isEqualTo(first.id());
        TaskDetail exportedSecond = export.tasks().stream().filter(d -> d.task().id().equals(second.id()))
                .findFirst().orElseThrow();
        assertThat(exportedSecond.dependsOn()).extracting(TaskDetail.Link::id).containsExactly(first.id());
        assertThat(export.context().get(first.id())).extracting(ContextEntry::content)
                .containsExactly("shared by ann", "bob's own note");
        assertThat(export.context()).as("ann's note is hers alone").doesNotContainKey(second.id());
    }
}
