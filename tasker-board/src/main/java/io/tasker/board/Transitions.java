package io.tasker.board;

import io.tasker.store.jdbc.Tx;
import java.time.Instant;
import java.util.Optional;

/**
 * The one path of every status change, inside the caller's transaction: the task row is locked, the change is
 * checked against {@link BoardTransitions}, written with its audit row, and its consequences follow in the same
 * transaction (dependents unblocked, notifications, the workflow step told).
 */
final class Transitions {

    private static final String SET_STATUS = """
            UPDATE tasker_board.tasks SET status = ?::tasker_board.task_status, claimed_by = ?, lease_expires_at = ?,
                summary = coalesce(?, summary), completed_at = ?, updated_at = ?
            WHERE id = ?
            RETURNING %s
            """.formatted(BoardRows.TASK_RETURNING);

    private final BoardEvents events;

    Transitions(BoardEvents events) {
        this.events = events;
    }

    /** Tells the layer above that {@code task} is final, once the transaction that made it so has committed. */
    void committed(Agent agent, BoardTask task) {
        if (task.status().isFinal()) {
            events.committed(agent, task);
        }
    }

    /** Completes the task: 409 while a dependency is open, or when another agent holds it. */
    BoardTask complete(Tx tx, Agent agent, String id, Optional<String> summary, Instant now) {
        BoardTask before = TaskRows.lock(tx, agent.orgId(), id);
        if (before.status() == TaskStatus.BLOCKED) {
            throw new BoardConflictException("board task " + before.id() + " cannot be completed while a dependency"
                    + " is open: " + String.join(", ", TaskRows.openDependencies(tx, before.id())));
        }
        requireAllowed(before, BoardTransitions.Event.COMPLETE, "completed");
        requireHolderOrFree(before, agent, now, "complete");
        BoardTask after = set(tx, before, TaskStatus.COMPLETED, Optional.empty(), summary, Optional.of(now), now);
        AuditLog.taskChange(tx, agent, "complete", before, after, now);
        Participants.join(tx, agent, after.id(), now);
        Notifier.toAgents(tx, agent, Notifier.participants(tx, after), after.id(), NotificationType.TASK_COMPLETED,
                "'" + after.title() + "' (" + after.id() + ") was completed by " + agent.name()
                        + after.summary().map(s -> ": " + ContextLog.excerpt(s)).orElse(""), now);
        for (String dependent : TaskRows.dependents(tx, after.id())) {
            unblockIfReady(tx, agent, dependent, "its dependency " + after.id() + " was completed", now);
        }
        events.finished(tx, agent, after);
        return after;
    }

    /** Cancels the task; its dependents stay blocked and are told. */
    BoardTask cancel(Tx tx, Agent agent, String id, Optional<String> reason, Instant now) {
        BoardTask before = TaskRows.lock(tx, agent.orgId(), id);
        requireAllowed(before, BoardTransitions.Event.CANCEL, "cancelled");
        BoardTask after = set(tx, before, TaskStatus.CANCELLED, Optional.empty(), reason, Optional.empty(), now);
        AuditLog.taskChange(tx, agent, "cancel", before, after, now);
        Notifier.toAgents(tx, agent, Notifier.participants(tx, after), after.id(), NotificationType.TASK_CANCELLED,
                "'" + after.title() + "' (" + after.id() + ") was cancelled by " + agent.name()
                        + reason.map(r -> ": " + ContextLog.excerpt(r)).orElse(""), now);
        for (String dependentId : TaskRows.dependents(tx, after.id())) {
            BoardTask dependent = TaskRows.get(tx, agent.orgId(), dependentId);
            if (!dependent.status().isFinal()) {
                Notifier.toAgents(tx, agent, Notifier.assigneeOrParticipants(tx, dependent), dependent.id(),
                        NotificationType.TASK_CANCELLED, "'" + dependent.title() + "' (" + dependent.id()
                                + ") stays blocked: its dependency " + after.id() + " was cancelled; remove the"
                                + " dependency or cancel it", now);
            }
        }
        events.finished(tx, agent, after);
        return after;
    }

    /** The holder gives the task back: pending again, for anyone to claim. */
    BoardTask release(Tx tx, Agent agent, String id, Instant now) {
        BoardTask before = TaskRows.lock(tx, agent.orgId(), id);
        requireAllowed(before, BoardTransitions.Event.RELEASE, "released");
        requireHolderOrFree(before, agent, now, "release");
        BoardTask after = set(tx, before, TaskStatus.PENDING, Optional.empty(), Optional.empty(), Optional.empty(), now);
        AuditLog.taskChange(tx, agent, "release", before, after, now);
        return after;
    }

    /** A blocked task whose dependencies are all completed becomes pending, and its assignee is told. */
    void unblockIfReady(Tx tx, Agent agent, String id, String why, Instant now) {
        BoardTask before = TaskRows.lock(tx, agent.orgId(), id);
        if (before.status() != TaskStatus.BLOCKED || !TaskRows.openDependencies(tx, id).isEmpty()) {
            return;
        }
        BoardTask after = set(tx, before, TaskStatus.PENDING, Optional.empty(), Optional.empty(), Optional.empty(), now);
        AuditLog.taskChange(tx, agent, "unblock", before, after, now);
        Notifier.toAgents(tx, agent, Notifier.assigneeOrParticipants(tx, after), after.id(),
                NotificationType.TASK_UNBLOCKED, "'" + after.title() + "' (" + after.id() + ") is ready: " + why, now);
    }

    /** A pending task that gets an open dependency becomes blocked. */
    void block(Tx tx, Agent agent, BoardTask before, Instant now) {
        if (before.status() != TaskStatus.PENDING) {
            return;
        }
        BoardTask after = set(tx, before, TaskStatus.BLOCKED, Optional.empty(), Optional.empty(), Optional.empty(), now);
        AuditLog.taskChange(tx, agent, "block", before, after, now);
    }

    static BoardTask set(Tx tx, BoardTask task, TaskStatus status, Optional<Lease> lease, Optional<String> summary,
                         Optional<Instant> completedAt, Instant now) {
        return tx.queryOne(SET_STATUS, BoardRows::task, status, lease.map(Lease::holder).orElse(null),
                lease.map(l -> BoardRows.tz(l.expires())).orElse(null), summary.orElse(null),
                completedAt.map(BoardRows::tz).orElse(null), BoardRows.tz(now), task.id()).orElseThrow();
    }

    /** A claim: who holds the task and until when. */
    record Lease(String holder, Instant expires) {
    }

    static void requireAllowed(BoardTask task, BoardTransitions.Event event, String verb) {
        if (!BoardTransitions.allows(task.status(), event)) {
            throw new BoardConflictException("board task " + task.id() + " is " + task.status().dbValue()
                    + " and cannot be " + verb);
        }
    }

    /** An in-progress task changes only by its holder's hand, unless the holder's lease has lapsed. */
    static void requireHolderOrFree(BoardTask task, Agent agent, Instant now, String verb) {
        if (task.status() != TaskStatus.IN_PROGRESS || task.claimedBy().orElseThrow().equals(agent.name())
                || task.leaseExpires().orElseThrow().isBefore(now)) {
            return;
        }
        String holder = task.claimedBy().orElseThrow();
        throw BoardConflictException.heldBy("board task " + task.id() + " is claimed by " + holder + " until "
                + task.leaseExpires().orElseThrow() + "; only " + holder + " may " + verb + " it", holder);
    }
}
