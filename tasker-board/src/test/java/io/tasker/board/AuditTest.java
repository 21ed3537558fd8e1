package io.tasker.board;

import static org.assertj.core.api.Assertions.assertThat;

import io.tasker.board.testing.BoardKit;
import io.tasker.json.Json;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.testing.DatabaseTest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Every change writes an audit row in its own transaction; a task's history replays to the task as it is. */
@DatabaseTest
class AuditTest {

    @Test
    void replaying_a_tasks_history_gives_the_task_as_it_is(DataSource dataSource) {
        BoardKit kit = new BoardKit(dataSource);
        Agent ann = kit.agent("ann");
        Agent bob = kit.agent("bob");
        BoardTask base = kit.board.tasks().create(ann, NewTask.titled("Base"));
        BoardTask task = kit.board.tasks().create(ann, NewTask.titled("Draft").dependingOn(base.id())
                .withFiles(FileRef.parse("a.txt:1-2")));
        kit.board.tasks().update(ann, task.id(), new TaskChanges(Optional.of("Final title"),
                Optional.of("what it is"), Optional.of(Priority.HIGH), Optional.of("bob"), Optional.empty(),
                Optional.empty(), List.of()));
        kit.board.transitions().complete(ann, base.id(), Optional.empty());
        kit.board.claims().claim(bob, task.id(), Duration.ofMinutes(5));
        kit.board.claims().heartbeat(bob, task.id(), Duration.ofMinutes(10));
        kit.board.context().write(bob, task.id(), ContextType.SHARED, "half way", Optional.empty());
        kit.board.transitions().complete(bob, task.id(), Optional.of("shipped"));

        List<AuditRecord> history = kit.board.audit().history(ann.orgId(), task.id());

        assertThat(history).extracting(r -> r.entityType() + ":" + r.action()).containsExactly(
                "task:create", "participant:join", "file_ref:create", "dependency:create", "task:block",
                "task:assign", "participant:join", "task:unblock", "task:claim", "task:heartbeat",
                "context:create", "task:complete");
        ObjectNode replayed = Json.object();
        for (AuditRecord record : history) {
            if (!record.entityType().equals("task")) {
                continue;
            }
            if (record.action().equals("create")) {
                replayed.setAll((ObjectNode) record.changes());
            } else {
                record.changes().properties().forEach(change -> replayed.set(change.getKey(), change.getValue().get(1)));
            }
        }
        BoardTask now = kit.board.tasks().get(ann.orgId(), task.id());
        assertThat(replayed).isEqualTo(AuditLog.snapshot(now));
        assertThat(history).filteredOn(r -> r.agent().equals("bob")).allSatisfy(r ->
                assertThat(r.user()).isEqualTo(bob.user()));
    }

    @Test
    void every_kind_of_change_writes_its_audit_row(DataSource dataSource) {
        BoardKit kit = new BoardKit(dataSource);
        Agent ann = kit.agent("ann");
        Jdbc jdbc = new Jdbc(dataSource);
        BoardTask task = kit.board.tasks().create(ann, NewTask.titled("Audited").withPriority(Priority.CRITICAL));
        BoardTask other = kit.board.tasks().create(ann, NewTask.titled("Other"));
        long before = count(jdbc);
        kit.board.dependencies().add(ann, task.id(), other.id());
        kit.board.dependencies().remove(ann, task.id(), other.id());
        kit.board.context().write(ann, task.id(), ContextType.PRIVATE, "note", Optional.empty());
        kit.board.claims().claim(ann, task.id(), Claims.DEFAULT_TTL);
        kit.board.transitions().release(ann, task.id());
        kit.board.transitions().cancel(ann, task.id(), Optional.empty());
        kit.board.tasks().delete(ann, other.id());
        Agent bob = kit.agent("bob");
        kit.board.tasks().create(bob, NewTask.titled("Tell everyone").withPriority(Priority.CRITICAL));
        kit.board.inbox().take(ann, 10);

        List<String> rows = jdbc.query("SELECT entity_type || ':' || action FROM tasker_board.audit_log"
                + " ORDER BY id OFFSET ?", row -> row.getString(1), before);
        assertThat(rows).contains("dependency:create", "task:block", "dependency:delete", "task:unblock",
                "context:create", "task:claim", "task:release", "task:cancel", "task:delete", "agent:create",
                "notification:read");
        JsonNode read = jdbc.queryOne("SELECT changes::text FROM tasker_board.audit_log WHERE action = 'read'",
                row -> Json.parse(row.getString(1))).orElseThrow();
        assertThat(read.path("read")).hasSize(1);
    }

    private static long count(Jdbc jdbc) {
        return jdbc.queryOne("SELECT count(*) FROM tasker_board.audit_log", row -> row.getLong(1)).orElseThrow();
    }
}
