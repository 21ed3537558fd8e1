package io.tasker.board;

import io.tasker.json.Json;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.store.jdbc.SqlArray;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Each agent's notifications: the ones sent to it, and the org's broadcasts made since it first acted (except its
 * own). Read state is per recipient, so a broadcast read by one agent stays unread for the others.
 */
public final class Inbox {

    /** Unread for {@code ?agent}: parameters org, agent, agent, agent (the agent's own broadcasts are left out). */
    private static final String UNREAD = """
            FROM tasker_board.notifications n
            WHERE n.org_id = ?
              AND (n.agent_id = ?
                   OR (n.agent_id IS NULL AND n.created_by <> ? AND n.created_at >= (
                       SELECT a.created_at FROM tasker_board.agents a WHERE a.org_id = n.org_id AND a.name = ?)))
              AND NOT EXISTS (SELECT 1 FROM tasker_board.notification_reads r
                              WHERE r.notification_id = n.id AND r.agent_id = ?)
            """;

    private static final String COLUMNS = "n.id, n.type::text AS type, n.task_id, n.message, n.created_by,"
            + " n.agent_id IS NULL AS broadcast, n.created_at";

    private final Jdbc jdbc;
    private final Clock clock;

    Inbox(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * The agent's oldest {@code limit} unread notifications, marked read in the same statement: exactly the ones
     * returned, no more. Two watchers of one agent never get the same notification.
     */
    public List<Notification> take(Agent agent, int limit) {
        Instant now = clock.instant();
        return jdbc.inTransaction(tx -> {
            List<Notification> taken = tx.query("""
                    WITH picked AS (SELECT n.id %s ORDER BY n.id LIMIT ?),
                    marked AS (
                        INSERT INTO tasker_board.notification_reads (notification_id, org_id, agent_id, read_at)
                        SELECT id, ?, ?, ? FROM picked
                        ON CONFLICT DO NOTHING
                        RETURNING notification_id)
                    SELECT %s FROM tasker_board.notifications n JOIN marked m ON m.notification_id = n.id
                    ORDER BY n.id
                    """.formatted(UNREAD, COLUMNS), Inbox::row, agent.orgId(), agent.name(), agent.name(),
                    agent.name(), agent.name(), limit, agent.orgId(), agent.name(), BoardRows.tz(now));
            if (!taken.isEmpty()) {
                ObjectNode changes = Json.object();
                ArrayNode ids = changes.putArray("read");
                taken.forEach(n -> ids.add(n.id()));
                AuditLog.record(tx, agent, "notification", taken.getFirst().id() + ".." + taken.getLast().id(), null,
                        "read", changes, now);
            }
            return taken;
        });
    }

    /**
     * Marks notifications read for the agent (after a live stream delivered them); returns how many were unread.
     */
    public int markRead(Agent agent, List<Long> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        return jdbc.inTransaction(tx -> {
            int marked = tx.update("""
                    INSERT INTO tasker_board.notification_reads (notification_id, org_id, agent_id, read_at)
                    SELECT n.id, n.org_id, ?, ? FROM tasker_board.notifications n
                    WHERE n.org_id = ? AND n.id = ANY (?) AND (n.agent_id IS NULL OR n.agent_id = ?)
                    ON CONFLICT DO NOTHING
                    """, agent.name(), BoardRows.tz(now), agent.orgId(), SqlArray.bigints(ids), agent.name());
            if (marked > 0) {
                ObjectNode changes = Json.object();
                ArrayNode read = changes.putArray("read");
                ids.forEach(read::add);
                AuditLog.record(tx, agent, "notification", ids.getFirst() + ".." + ids.getLast(), null, "read",
                        changes, now);
            }
            return marked;
        });
    }

    /** The agent's oldest unread notifications, left unread. */
    public List<Notification> peek(Agent agent, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " " + UNREAD + " ORDER BY n.id LIMIT ?", Inbox::row,
                agent.orgId(), agent.name(), agent.name(), agent.name(), agent.name(), limit);
    }

    /** How many notifications the agent has not read. */
    public long unread(Agent agent) {
        return jdbc.queryOne("SELECT count(*) " + UNREAD, row -> row.getLong(1), agent.orgId(), agent.name(),
                agent.name(), agent.name(), agent.name()).orElse(0L);
    }

    private static Notification row(ResultSet row) throws SQLException {
        return new Notification(row.getLong("id"), NotificationType.fromDb(row.getString("type")),
                Optional.ofNullable(row.getString("task_id")), row.getString("message"), row.getString("created_by"),
                row.getBoolean("broadcast"), BoardRows.instant(row, "created_at"));
    }
}
