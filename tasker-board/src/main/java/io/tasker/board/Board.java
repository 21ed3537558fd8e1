package io.tasker.board;

import io.tasker.store.jdbc.Jdbc;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * The coordination board: tasks that agents and people share, with dependencies, compare-and-set claims under
 * leases, per-recipient notifications, shared context, file references and an audit log, all in the
 * {@code tasker_board} schema. Every change is one transaction with its audit row and its notifications.
 *
 * <pre>{@code
 * Board board = Board.open(dataSource, Clock.systemUTC());
 * Agent alice = board.agents().actingAs(orgId, userId, "alice");
 * BoardTask task = board.tasks().create(alice, NewTask.titled("Write the parser").withPriority(Priority.HIGH));
 * board.claims().claim(alice, task.id(), Duration.ofMinutes(15));
 * board.transitions().complete(alice, task.id(), Optional.of("parser merged"));
 * }</pre>
 */
public final class Board {

    private final Agents agents;
    private final BoardTasks tasks;
    private final StatusChanges transitions;
    private final Claims claims;
    private final Dependencies dependencies;
    private final ReadyWork ready;
    private final Inbox inbox;
    private final ContextLog context;
    private final FileRefs files;
    private final AuditLog audit;

    private Board(Jdbc jdbc, Clock clock, BoardEvents events) {
        Transitions core = new Transitions(events);
        this.agents = new Agents(jdbc, clock);
        this.claims = new Claims(jdbc, clock);
        this.dependencies = new Dependencies(jdbc, clock, core);
        this.tasks = new BoardTasks(jdbc, clock, core, dependencies, claims);
        this.transitions = new StatusChanges(jdbc, clock, core, claims);
        this.inbox = new Inbox(jdbc, clock);
        this.ready = new ReadyWork(jdbc, claims, inbox);
        this.context = new ContextLog(jdbc, clock);
        this.files = new FileRefs(jdbc);
        this.audit = new AuditLog(jdbc);
    }

    public static Board open(DataSource dataSource, Clock clock) {
        return new Board(new Jdbc(dataSource), clock, BoardEvents.NONE);
    }

    /** A board that tells {@code events} when a task finishes (the workflow engine's {@code board} step). */
    public static Board open(DataSource dataSource, Clock clock, BoardEvents events) {
        return new Board(new Jdbc(dataSource), clock, events);
    }

    public Agents agents() {
        return agents;
    }

    public BoardTasks tasks() {
        return tasks;
    }

    /** Complete, cancel and release: the one path of every status change. */
    public StatusChanges transitions() {
        return transitions;
    }

    public Claims claims() {
        return claims;
    }

    public Dependencies dependencies() {
        return dependencies;
    }

    public ReadyWork ready() {
        return ready;
    }

    public Inbox inbox() {
        return inbox;
    }

    public ContextLog context() {
        return context;
    }

    public FileRefs files() {
        return files;
    }

    public AuditLog audit() {
        return audit;
    }

    /** Everything on the org's board that {@code agent} may read: every task, however many. */
    public BoardExport export(Agent agent) {
        List<TaskDetail> details = tasks.details(agent.orgId());
        Map<String, List<ContextEntry>> entries = context.readAll(agent);
        // Only the context of the tasks exported (one created meanwhile is in neither).
        Set<String> exported = details.stream().map(detail -> detail.task().id()).collect(Collectors.toSet());
        entries.keySet().retainAll(exported);
        return new BoardExport(details, entries);
    }
}
