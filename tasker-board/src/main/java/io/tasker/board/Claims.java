package io.tasker.board;

import io.tasker.InvalidInputException;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.store.jdbc.Tx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Claims under leases. A claim is one compare-and-set UPDATE: of any number of agents claiming one task at once,
 * exactly one changes the row and the others get 409 naming the holder. A lease lapses unless the holder sends a
 * heartbeat; lapsed leases are returned to ready (with an audit row and a notification to the previous holder)
 * lazily, when the org's board is next read or claimed from, so no thread of the board's own is needed.
 */
public final class Claims {

    public static final Duration DEFAULT_TTL = Duration.ofMinutes(30);
    public static final Duration MIN_TTL = Duration.ofSeconds(5);
    public static final Duration MAX_TTL = Duration.ofDays(7);

    /**
     * The compare-and-set: the CTE locks the row and reads it as it is now (for the audit's "before"); the UPDATE
     * changes it only if it is still claimable. Parameters: id, org, holder, expiry, now, holder, now, user.
     */
    private static final String CLAIM = """
            WITH before AS (
                SELECT %s FROM tasker_board.tasks t WHERE t.id = ? AND t.org_id = ? FOR UPDATE)
            UPDATE tasker_board.tasks c SET status = 'in_progress', claimed_by = ?, lease_expires_at = ?, updated_at = ?
            FROM before
            WHERE c.id = before.id
              AND (c.assignee IS NULL OR c.assignee = ?)
              AND (c.status = 'pending' OR (c.status = 'in_progress' AND c.lease_expires_at < ?))
              AND (c.role IS NULL OR EXISTS (
                  SELECT 1 FROM tasker.users u WHERE u.id = ? AND (u.role = c.role OR EXISTS (
                      SELECT 1 FROM tasker.org_role_memberships m JOIN tasker.org_roles r ON r.id = m.role_id
                      WHERE m.user_id = u.id AND r.slug = c.role))))
            RETURNING before.*
            """.formatted(BoardRows.TASK_COLUMNS);

    private final Jdbc jdbc;
    private final Clock clock;

    Claims(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public BoardTask claim(Agent agent, String id, Duration ttl) {
        requireTtl(ttl);
        expireDue(agent.orgId());
        Instant now = clock.instant();
        return jdbc.inTransaction(tx -> claim(tx, agent, id, ttl, now));
    }

    static BoardTask claim(Tx tx, Agent agent, String id, Duration ttl, Instant now) {
        Agents.ensure(tx, agent.orgId(), agent.name(), now);
        Optional<BoardTask> before = tx.queryOne(CLAIM, BoardRows::task, TaskRows.normalize(id), agent.orgId(),
                agent.name(), BoardRows.tz(now.plus(ttl)), BoardRows.tz(now), agent.name(), BoardRows.tz(now),
                agent.user().orElse(null));
        if (before.isEmpty()) {
            throw refusal(tx, agent, id, now);
        }
        BoardTask after = TaskRows.get(tx, agent.orgId(), id);
        AuditLog.taskChange(tx, agent, "claim", before.get(), after, now);
        Participants.join(tx, agent, after.id(), now);
        before.get().claimedBy().filter(previous -> !previous.equals(agent.name())).ifPresent(previous ->
                Notifier.toAgents(tx, agent, List.of(previous), after.id(), NotificationType.LEASE_EXPIRED,
                        "your lease on '" + after.title() + "' (" + after.id() + ") lapsed and " + agent.name()
                                + " claimed it", now));
        return after;
    }

    /** The holder renews its lease for {@code ttl} from now; 409 when it is not the holder or the lease lapsed. */
    public BoardTask heartbeat(Agent agent, String id, Duration ttl) {
        requireTtl(ttl);
        Instant now = clock.instant();
        return jdbc.inTransaction(tx -> {
            BoardTask before = TaskRows.lock(tx, agent.orgId(), id);
            if (before.status() != TaskStatus.IN_PROGRESS || !before.claimedBy().orElseThrow().equals(agent.name())
                    || before.leaseExpires().orElseThrow().isBefore(now)) {
                throw new BoardConflictException("board task " + before.id() + " is not held by " + agent.name()
                        + describe(before, now) + "; claim it again");
            }
            BoardTask after = Transitions.set(tx, before, TaskStatus.IN_PROGRESS,
                    Optional.of(new Transitions.Lease(agent.name(), now.plus(ttl))), Optional.empty(),
                    Optional.empty(), now);
            AuditLog.taskChange(tx, agent, "heartbeat", before, after, now);
            return after;
        });
    }

    /** Returns every org's lapsed claims to pending (the scheduler's periodic work); returns how many. */
    public int expireAllDue() {
        List<UUID> orgs = jdbc.query("""
                SELECT DISTINCT org_id FROM tasker_board.tasks WHERE status = 'in_progress' AND lease_expires_at < ?
                """, row -> row.getObject(1, UUID.class), BoardRows.tz(clock.instant()));
        return orgs.stream().mapToInt(this::expireDue).sum();
    }

    /** Returns the org's lapsed claims to pending, each with an audit row and a notification to its holder. */
    public int expireDue(UUID orgId) {
        Instant now = clock.instant();
        List<String> due = jdbc.query("""
                SELECT id FROM tasker_board.tasks
                WHERE org_id = ? AND status = 'in_progress' AND lease_expires_at < ? ORDER BY id
                """, row -> row.getString(1), orgId, BoardRows.tz(now));
        if (due.isEmpty()) {
            return 0;
        }
        return jdbc.inTransaction(tx -> {
            int expired = 0;
            for (String id : due) {
                BoardTask before = TaskRows.lock(tx, orgId, id);
                if (before.status() != TaskStatus.IN_PROGRESS || !before.leaseExpires().orElseThrow().isBefore(now)) {
                    continue;
                }
                String holder = before.claimedBy().orElseThrow();
                BoardTask after = Transitions.set(tx, before, TaskStatus.PENDING, Optional.empty(), Optional.empty(),
                        Optional.empty(), now);
                AuditLog.record(tx, Agent.board(orgId), "task", id, id, "expire", AuditLog.diff(before, after),
                        now);
                Notifier.toAgents(tx, Agent.board(orgId), List.of(holder), id,
                        NotificationType.LEASE_EXPIRED, "your lease on '" + after.title() + "' (" + id
                                + ") lapsed at " + before.leaseExpires().orElseThrow()
                                + " without a heartbeat; it is ready for others again", now);
                expired++;
            }
            return expired;
        });
    }

    private static BoardConflictException refusal(Tx tx, Agent agent, String id, Instant now) {
        BoardTask task = TaskRows.get(tx, agent.orgId(), id);
        if (task.status() == TaskStatus.IN_PROGRESS) {
            String holder = task.claimedBy().orElseThrow();
            return BoardConflictException.heldBy("board task " + task.id() + " is claimed by " + holder + " until "
                    + task.leaseExpires().orElseThrow(), holder);
        }
        if (!task.claimableBy(agent.name())) {
            return BoardConflictException.heldBy("board task " + task.id() + " is assigned to "
                    + task.assignee().orElseThrow(), task.assignee().orElseThrow());
        }
        if (task.role().isPresent() && task.status() == TaskStatus.PENDING) {
            return new BoardConflictException("board task " + task.id() + " is for the role " + task.role().get()
                    + ", which " + agent.name() + "'s user does not hold");
        }
        if (task.status() == TaskStatus.BLOCKED) {
            return new BoardConflictException("board task " + task.id() + " is blocked by open dependencies: "
                    + String.join(", ", TaskRows.openDependencies(tx, task.id())));
        }
        return new BoardConflictException("board task " + task.id() + " is " + task.status().dbValue()
                + " and cannot be claimed" + describe(task, now));
    }

    private static String describe(BoardTask task, Instant now) {
        return task.claimedBy().map(h -> " (claimed by " + h + (task.leaseExpires().orElseThrow().isBefore(now)
                ? ", lease lapsed at " : " until ") + task.leaseExpires().orElseThrow() + ")").orElse("");
    }

    static void requireTtl(Duration ttl) {
        if (ttl.compareTo(MIN_TTL) < 0 || ttl.compareTo(MAX_TTL) > 0) {
            throw new InvalidInputException("ttl: a lease lasts from " + MIN_TTL.toSeconds() + " seconds to "
                    + MAX_TTL.toDays() + " days, got " + ttl.toSeconds() + " seconds");
        }
    }
}
