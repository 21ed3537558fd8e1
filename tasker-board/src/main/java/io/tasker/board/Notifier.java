package io.tasker.board;

import io.tasker.store.jdbc.SqlArray;
import io.tasker.store.jdbc.Tx;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes notifications inside the transaction of the change they tell about, and wakes live watchers with
 * {@code NOTIFY} on {@link #CHANNEL} (delivered when that transaction commits; nothing if it rolls back).
 */
final class Notifier {

    /** The one channel of the board; its payload is an org id, never text from a request. */
    static final String CHANNEL = "tasker_board_notifications";

    private Notifier() {
    }

    /** One notification per recipient, leaving out the agent who acted. */
    static int toAgents(Tx tx, Agent actor, Collection<String> recipients, String taskId, NotificationType type,
                        String message, Instant now) {
        Set<String> to = new LinkedHashSet<>(recipients);
        to.remove(actor.name());
        to.removeIf(name -> name.startsWith(Agent.RESERVED_PREFIX));
        if (to.isEmpty()) {
            return 0;
        }
        int written = tx.update("""
                INSERT INTO tasker_board.notifications (org_id, agent_id, task_id, type, message, created_by, created_at)
                SELECT ?, recipient, ?, ?::tasker_board.notification_type, ?, ?, ? FROM unnest(?::text[]) AS recipient
                """, actor.orgId(), taskId, type, message, actor.name(), BoardRows.tz(now), SqlArray.texts(to));
        wake(tx, actor);
        return written;
    }

    /** One notification for every agent of the org (each reads it separately). */
    static void broadcast(Tx tx, Agent actor, String taskId, NotificationType type, String message, Instant now) {
        tx.update("""
                INSERT INTO tasker_board.notifications (org_id, agent_id, task_id, type, message, created_by, created_at)
                VALUES (?, NULL, ?, ?::tasker_board.notification_type, ?, ?, ?)
                """, actor.orgId(), taskId, type, message, actor.name(), BoardRows.tz(now));
        wake(tx, actor);
    }

    /** Who takes part in a task: its participants, its creator and its assignee. */
    static List<String> participants(Tx tx, BoardTask task) {
        Set<String> agents = new LinkedHashSet<>(Participants.of(tx, task.id()));
        agents.add(task.createdBy());
        task.assignee().ifPresent(agents::add);
        return List.copyOf(agents);
    }

    /** The assignee, or everyone taking part when nobody is assigned. */
    static List<String> assigneeOrParticipants(Tx tx, BoardTask task) {
        return task.assignee().map(List::of).orElseGet(() -> participants(tx, task));
    }

    private static void wake(Tx tx, Agent actor) {
        tx.query("SELECT pg_notify(?, ?)", row -> null, CHANNEL, actor.orgId().toString());
    }
}
