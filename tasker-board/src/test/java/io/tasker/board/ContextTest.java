package io.tasker.board;

import static org.assertj.core.api.Assertions.assertThat;

import io.tasker.board.testing.BoardKit;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.testing.DatabaseTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Shared context, private notes, discoveries, idempotent creates and writes (also when retries race), many writers. */
@DatabaseTest
class ContextTest {

    @Test
    void context_shows_shared_entries_and_only_the_callers_own_notes(DataSource dataSource) {
        BoardKit kit = new BoardKit(dataSource);
        Agent ann = kit.agent("ann");
        Agent bob = kit.agent("bob");
        BoardTask task = kit.board.tasks().create(ann, NewTask.titled("Parser"));
        kit.board.context().write(ann, task.id(), ContextType.SHARED, "grammar is in docs/grammar.md", Optional.empty());
        kit.board.context().write(ann, task.id(), ContextType.PRIVATE, "ann: try a Pratt parser", Optional.empty());
        kit.board.context().write(bob, task.id(), ContextType.PRIVATE, "bob: ask ann about precedence",
                Optional.empty());
        kit.board.context().write(bob, task.id(), ContextType.DISCOVERY, "the lexer drops unicode", Optional.empty());

        assertThat(kit.board.context().read(ann, task.id())).extracting(ContextEntry::content).containsExactly(
                "grammar is in docs/grammar.md", "ann: try a Pratt parser", "the lexer drops unicode");
        assertThat(kit.board.context().read(bob, task.id())).extracting(ContextEntry::content).containsExactly(
                "grammar is in docs/grammar.md", "bob: ask ann about precedence", "the lexer drops unicode");
    }

    @Test
    void writing_again_with_the_same_request_id_returns_the_first_entry(DataSource dataSource) {
        BoardKit kit = new BoardKit(dataSource);
        Agent ann = kit.agent("ann");
        BoardTask task = kit.board.tasks().create(ann, NewTask.titled("Retry me"));
        ContextEntry first = kit.board.context().write(ann, task.id(), ContextType.SHARED, "once", Optional.of("r-1"));
        ContextEntry again = kit.board.context().write(ann, task.id(), ContextType.SHARED, "once", Optional.of("r-1"));
        assertThat(again).isEqualTo(first);
        assertThat(kit.board.context().read(ann, task.id())).hasSize(1);

        BoardTask created = kit.board.tasks().create(ann, NewTask.titled("Once").withRequestId("t-1"));
        assertThat(kit.board.tasks().create(ann, NewTask.titled("Once").withRequestId("t-1")).id())
                .isEqualTo(created.id());
    }

    @Test
    void retries_racing_with_one_request_id_create_one_task_and_write_one_entry(DataSource dataSource)
            throws Exception {
        BoardKit kit = new BoardKit(dataSource);
        Agent ann = kit.agent("ann");
        BoardTask target = kit.board.tasks().create(ann, NewTask.titled("Target"));
        List<Callable<String>> retries = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            retries.add(() -> kit.board.tasks().create(ann, NewTask.titled("Retried").withRequestId("create-1")).id());
            retries.add(() -> Long.toString(kit.board.context().write(ann, target.id(), ContextType.SHARED, "once",
                    Optional.of("share-1")).id()));
        }
        List<String> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<String> answer : pool.invokeAll(retries)) {
                answers.add(answer.get());
            }
        }

        List<String> tasks = kit.board.tasks().list(ann.orgId(), new TaskQuery(Optional.empty(), Optional.empty(),
                Optional.empty(), 10)).stream().filter(t -> t.title().equals("Retried")).map(BoardTask::id).toList();
        List<ContextEntry> entries = kit.board.context().read(ann, target.id());
        assertThat(tasks).hasSize(1);
        assertThat(entries).hasSize(1);
        assertThat(answers).as("every retry gets the first task or entry back").hasSize(40)
                .containsOnly(tasks.getFirst(), Long.toString(entries.getFirst().id()));
        Jdbc jdbc = new Jdbc(dataSource);
        assertThat(jdbc.queryOne("SELECT count(*) FROM tasker_board.audit_log WHERE action = 'create'"
                + " AND entity_type IN ('task', 'context')", row -> row.getLong(1)).orElseThrow()).isEqualTo(3);
    }

    @Test
    void two_hundred_concurrent_shares_from_different_agents_lose_nothing(DataSource dataSource) throws Exception {
        BoardKit kit = new BoardKit(dataSource);
        Agent lead = kit.agent("lead");
        BoardTask task = kit.board.tasks().create(lead, NewTask.titled("Crowded"));
        List<Agent> agents = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            agents.add(kit.agentOf(lead, "agent-" + i));
        }
        List<Callable<ContextEntry>> shares = new ArrayList<>();
        for (Agent agent : agents) {
            shares.add(() -> kit.board.context().write(agent, task.id(), ContextType.SHARED,
                    "finding of " + agent.name(), Optional.of("share-" + agent.name())));
        }
        List<ContextEntry> written = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<ContextEntry> entry : pool.invokeAll(shares)) {
                written.add(entry.get());
            }
        }

        List<ContextEntry> read = kit.board.context().read(lead, task.id());
        assertThat(read).hasSize(200);
        assertThat(read).extracting(ContextEntry::content).containsExactlyInAnyOrderElementsOf(
                agents.stream().map(a -> "finding of " + a.name()).toList());
        assertThat(written).extracting(ContextEntry::id).doesNotHaveDuplicates();
        Jdbc jdbc = new Jdbc(dataSource);
        assertThat(jdbc.queryOne("SELECT count(*) FROM tasker_board.audit_log WHERE entity_type = 'context'",
                row -> row.getLong(1)).orElseThrow()).isEqualTo(200);
        assertThat(jdbc.queryOne("SELECT count(*) FROM tasker_board.participants WHERE task_id = ?",
                row -> row.getLong(1), task.id()).orElseThrow()).isEqualTo(201);
    }
}
