package io.tasker.board;

import io.tasker.store.jdbc.Jdbc;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Ready work: pending tasks with no open dependency, critical first, then oldest. The list and the count use the
 * same condition, so every view of the board (CLI, REST, MCP, counts) agrees.
 */
public final class ReadyWork {

    /** A pending task of org {@code ?} none of whose dependencies is open. */
    static final String READY = """
            t.org_id = ? AND t.status = 'pending'
            AND NOT EXISTS (SELECT 1 FROM tasker_board.dependencies d JOIN tasker_board.tasks u ON u.id = d.depends_on
                            WHERE d.task_id = t.id AND u.status <> 'completed')
            """;

    private final Jdbc jdbc;
    private final Claims claims;
    private final Inbox inbox;

    ReadyWork(Jdbc jdbc, Claims claims, Inbox inbox) {
        this.jdbc = jdbc;
        this.claims = claims;
        this.inbox = inbox;
    }

    /**
     * The ready tasks, at most {@code limit}; with {@code claimableBy}, only those that agent may claim (not
     * assigned to someone else, and of a role its user holds).
     */
    public List<BoardTask> list(UUID orgId, int limit, Optional<Agent> claimableBy) {
        claims.expireDue(orgId);
        String agent = claimableBy.map(Agent::name).orElse(null);
        UUID user = claimableBy.flatMap(Agent::user).orElse(null);
        return jdbc.query("SELECT " + BoardRows.TASK_COLUMNS + " FROM tasker_board.tasks t WHERE " + READY
                        + " AND (?::text IS NULL OR ((t.assignee IS NULL OR t.assignee = ?) AND (t.role IS NULL"
                        + " OR EXISTS (SELECT 1 FROM tasker.users u WHERE u.id = ? AND (u.role = t.role OR EXISTS ("
                        + " SELECT 1 FROM tasker.org_role_memberships m JOIN tasker.org_roles r ON r.id = m.role_id"
                        + " WHERE m.user_id = u.id AND r.slug = t.role))))))"
                        + " ORDER BY t.priority DESC, t.created_at, t.id LIMIT ?", BoardRows::task, orgId,
                agent, agent, user, limit);
    }

    public long count(UUID orgId) {
        return jdbc.queryOne("SELECT count(*) FROM tasker_board.tasks t WHERE " + READY, row -> row.getLong(1), orgId)
                .orElse(0L);
    }

    /** Tasks per status, the ready count and the agent's unread notifications. */
    public BoardStats stats(Agent agent) {
        claims.expireDue(agent.orgId());
        Map<TaskStatus, Long> byStatus = new EnumMap<>(TaskStatus.class);
        for (TaskStatus status : TaskStatus.values()) {
            byStatus.put(status, 0L);
        }
        jdbc.query("SELECT status::text, count(*) FROM tasker_board.tasks WHERE org_id = ? GROUP BY status", row -> {
            byStatus.put(TaskStatus.fromDb(row.getString(1)), row.getLong(2));
            return null;
        }, agent.orgId());
        return new BoardStats(byStatus, count(agent.orgId()), inbox.unread(agent));
    }
}
