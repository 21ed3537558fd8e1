package io.tasker.board;

import io.tasker.store.jdbc.DataAccessException;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.store.jdbc.Tx;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Creating, reading and changing board tasks. Status changes go through {@link Transitions}, claims {@link Claims}. */
public final class BoardTasks {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Jdbc jdbc;
    private final Clock clock;
    private final Transitions transitions;
    private final Dependencies dependencies;
    private final Claims claims;

    BoardTasks(Jdbc jdbc, Clock clock, Transitions transitions, Dependencies dependencies, Claims claims) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.transitions = transitions;
        this.dependencies = dependencies;
        this.claims = claims;
    }

    /**
     * Creates a task (blocked while one of its dependencies is open). With a request id already used by the same
     * agent, returns the task that request created.
     */
    public BoardTask create(Agent agent, NewTask request) {
        Instant now = clock.instant();
        try {
            return jdbc.inTransaction(tx -> create(tx, agent, request, now));
        } catch (DataAccessException e) {
            if (e.isUniqueViolation("tasks_request_id") && request.requestId().isPresent()) {
                return jdbc.withConnection(tx -> byRequest(tx, agent, request.requestId().get())).orElseThrow();
            }
            throw e;
        }
    }

    BoardTask create(Tx tx, Agent agent, NewTask request, Instant now) {
        Optional<BoardTask> earlier = request.requestId().flatMap(id -> byRequest(tx, agent, id));
        if (earlier.isPresent()) {
            return earlier.get();
        }
        Agents.ensure(tx, agent.orgId(), agent.name(), now);
        request.assignee().ifPresent(assignee -> Agents.ensure(tx, agent.orgId(), assignee, now));
        BoardTask task = insert(tx, agent, request, now);
        AuditLog.record(tx, agent, "task", task.id(), task.id(), "create", AuditLog.snapshot(task), now);
        Participants.join(tx, agent, task.id(), now);
        request.files().forEach(file -> FileRefs.add(tx, agent, task.id(), file, now));
        for (String upstream : request.dependsOn()) {
            dependencies.add(tx, agent, task.id(), upstream, now);
        }
        request.assignee().ifPresent(assignee -> assigned(tx, agent, task, assignee, now));
        if (task.priority() == Priority.CRITICAL) {
            critical(tx, agent, task, "created", now);
        }
        return TaskRows.get(tx, agent.orgId(), task.id());
    }

    public BoardTask get(UUID orgId, String id) {
        return jdbc.withConnection(tx -> TaskRows.get(tx, orgId, id));
    }

    public TaskDetail detail(UUID orgId, String id) {
        claims.expireDue(orgId);
        return jdbc.withConnection(tx -> detail(tx, TaskRows.get(tx, orgId, id)));
    }

    /** Every task of the org with its details, in the order of {@link #list}, read on one connection. */
    List<TaskDetail> details(UUID orgId) {
        claims.expireDue(orgId);
        return jdbc.withConnection(tx -> tx.query("SELECT " + BoardRows.TASK_COLUMNS
                        + " FROM tasker_board.tasks t WHERE t.org_id = ? ORDER BY t.priority DESC, t.created_at, t.id",
                BoardRows::task, orgId).stream().map(task -> detail(tx, task)).toList());
    }

    private static TaskDetail detail(Tx tx, BoardTask task) {
        String links = "SELECT t.id, t.title, t.status::text FROM tasker_board.dependencies d"
                + " JOIN tasker_board.tasks t ON t.id = d.%s WHERE d.%s = ? ORDER BY t.id";
        List<TaskDetail.Link> upstream = tx.query(links.formatted("depends_on", "task_id"), row ->
                new TaskDetail.Link(row.getString(1), row.getString(2), TaskStatus.fromDb(row.getString(3))),
                task.id());
        List<TaskDetail.Link> downstream = tx.query(links.formatted("task_id", "depends_on"), row ->
                new TaskDetail.Link(row.getString(1), row.getString(2), TaskStatus.fromDb(row.getString(3))),
                task.id());
        return new TaskDetail(task, upstream, downstream, FileRefs.of(tx, task.id()), Participants.of(tx, task.id()));
    }

    /** The agent takes part in the task from now on (told when it completes or is cancelled). */
    public TaskDetail join(Agent agent, String id) {
        Instant now = clock.instant();
        String joined = jdbc.inTransaction(tx -> {
            BoardTask task = TaskRows.get(tx, agent.orgId(), id);
            Participants.join(tx, agent, task.id(), now);
            return task.id();
        });
        return detail(agent.orgId(), joined);
    }

    public List<BoardTask> list(UUID orgId, TaskQuery query) {
        claims.expireDue(orgId);
        return jdbc.query("SELECT " + BoardRows.TASK_COLUMNS + " FROM tasker_board.tasks t WHERE t.org_id = ?"
                        + " AND (?::text IS NULL OR t.status::text = ?) AND (?::text IS NULL OR t.assignee = ?)"
                        + " AND (?::text IS NULL OR t.priority::text = ?)"
                        + " ORDER BY t.priority DESC, t.created_at, t.id LIMIT ? OFFSET ?", BoardRows::task, orgId,
                query.status().map(TaskStatus::dbValue).orElse(null), query.status().map(TaskStatus::dbValue).orElse(null),
                query.assignee().orElse(null), query.assignee().orElse(null),
                query.priority().map(Priority::dbValue).orElse(null),
                query.priority().map(Priority::dbValue).orElse(null), query.limit(), query.offset());
    }

    /**
     * Changes the fields given; a status goes the same way as its own command (see {@link TaskChanges}). Assigning
     * tells the assignee; raising to critical tells everyone.
     */
    public BoardTask update(Agent agent, String id, TaskChanges changes) {
        claims.expireDue(agent.orgId());
        Instant now = clock.instant();
        BoardTask updated = jdbc.inTransaction(tx -> {
            BoardTask before = TaskRows.lock(tx, agent.orgId(), id);
            changes.assignee().ifPresent(assignee -> Agents.ensure(tx, agent.orgId(), assignee, now));
            BoardTask after = tx.queryOne("""
                    UPDATE tasker_board.tasks SET title = ?, description = ?, priority = ?::tasker_board.task_priority,
                        assignee = ?, updated_at = ?
                    WHERE id = ? RETURNING %s
                    """.formatted(BoardRows.TASK_RETURNING), BoardRows::task, changes.title().orElse(before.title()),
                    changes.description().or(before::description).orElse(null),
                    changes.priority().orElse(before.priority()), changes.assignee().or(before::assignee).orElse(null),
                    BoardRows.tz(now), before.id()).orElseThrow();
            if (!AuditLog.diff(before, after).isEmpty()) {
                AuditLog.taskChange(tx, agent, changes.assignee().isPresent() ? "assign" : "update", before, after,
                        now);
            }
            if (after.assignee().isPresent() && !after.assignee().equals(before.assignee())) {
                assigned(tx, agent, after, after.assignee().get(), now);
            }
            if (after.priority() == Priority.CRITICAL && before.priority() != Priority.CRITICAL) {
                critical(tx, agent, after, "raised to critical", now);
            }
            changes.files().forEach(file -> FileRefs.add(tx, agent, after.id(), file, now));
            changes.status().ifPresent(status -> changeStatus(tx, agent, after, status, changes.summary(), now));
            return TaskRows.get(tx, agent.orgId(), after.id());
        });
        if (changes.status().isPresent()) {
            transitions.committed(agent, updated);
        }
        return updated;
    }

    private void changeStatus(Tx tx, Agent agent, BoardTask task, TaskStatus status, Optional<String> summary,
                              Instant now) {
        if (status == task.status() && !(status == TaskStatus.IN_PROGRESS
                && !task.claimedBy().orElseThrow().equals(agent.name()))) {
            return;
        }
        switch (status) {
            case COMPLETED -> transitions.complete(tx, agent, task.id(), summary, now);
            case CANCELLED -> transitions.cancel(tx, agent, task.id(), summary, now);
            case IN_PROGRESS -> Claims.claim(tx, agent, task.id(), Claims.DEFAULT_TTL, now);
            case PENDING -> transitions.release(tx, agent, task.id(), now);
            case BLOCKED -> throw new IllegalStateException("refused by TaskChanges");
        }
    }

    /** Deletes a task; refused (409) while other tasks depend on it. */
    public void delete(Agent agent, String id) {
        Instant now = clock.instant();
        jdbc.runInTransaction(tx -> {
            BoardTask task = TaskRows.lock(tx, agent.orgId(), id);
            List<String> dependents = TaskRows.dependents(tx, task.id());
            if (!dependents.isEmpty()) {
                throw new BoardConflictException("board task " + task.id() + " cannot be deleted: "
                        + String.join(", ", dependents) + " depend" + (dependents.size() == 1 ? "s" : "")
                        + " on it (remove those dependencies first)");
            }
            AuditLog.record(tx, agent, "task", task.id(), task.id(), "delete", AuditLog.snapshot(task), now);
            tx.update("DELETE FROM tasker_board.tasks WHERE id = ?", task.id());
        });
    }

    private static void assigned(Tx tx, Agent agent, BoardTask task, String assignee, Instant now) {
        Participants.joinAs(tx, agent, assignee, task.id(), now);
        Notifier.toAgents(tx, agent, List.of(assignee), task.id(), NotificationType.TASK_ASSIGNED,
                agent.name() + " assigned '" + task.title() + "' (" + task.id() + ", " + task.priority().dbValue()
                        + ") to you", now);
    }

    private static void critical(Tx tx, Agent agent, BoardTask task, String how, Instant now) {
        Notifier.broadcast(tx, agent, task.id(), NotificationType.CRITICAL, "critical: '" + task.title() + "' ("
                + task.id() + ") was " + how + " by " + agent.name(), now);
    }

    private static Optional<BoardTask> byRequest(Tx tx, Agent agent, String requestId) {
        return tx.queryOne("SELECT " + BoardRows.TASK_COLUMNS + " FROM tasker_board.tasks t"
                        + " WHERE t.org_id = ? AND t.created_by = ? AND t.request_id = ?", BoardRows::task,
                agent.orgId(), agent.name(), requestId);
    }

    private static BoardTask insert(Tx tx, Agent agent, NewTask request, Instant now) {
        while (true) {
            Optional<BoardTask> inserted = tx.queryOne("""
                    INSERT INTO tasker_board.tasks (id, org_id, title, description, priority, assignee, created_by,
                        request_id, created_at, updated_at, role)
                    VALUES (?, ?, ?, ?, ?::tasker_board.task_priority, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (id) DO NOTHING
                    RETURNING %s
                    """.formatted(BoardRows.TASK_RETURNING), BoardRows::task, newId(), agent.orgId(),
                    request.title().strip(), request.description().orElse(null), request.priority(),
                    request.assignee().orElse(null), agent.name(), request.requestId().orElse(null),
                    BoardRows.tz(now), BoardRows.tz(now), request.role().orElse(null));
            if (inserted.isPresent()) {
                return inserted.get();
            }
        }
    }

    private static String newId() {
        byte[] bytes = new byte[4];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
