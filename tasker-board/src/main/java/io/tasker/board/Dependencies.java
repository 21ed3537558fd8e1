package io.tasker.board;

import io.tasker.InvalidInputException;
import io.tasker.json.Json;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.store.jdbc.Tx;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Which task waits for which. A dependency that would close a cycle is refused when it is written, naming the
 * cycle. Additions in one org are serialized by a transaction-scoped advisory lock taken before the graph is read:
 * two additions that each look harmless alone (A waits for B, B waits for A) cannot both pass the check, which row
 * locks on their two ends would not guarantee for longer cycles. Row locks are then taken in id order.
 */
public final class Dependencies {

    /** Key space of the board's advisory locks (the org's hash is the second key). */
    private static final int LOCK_SPACE = 0x7461_6264; // "tabd"
    private static final int MAX_DEPTH = 100;

    private final Jdbc jdbc;
    private final Clock clock;
    private final Transitions transitions;

    Dependencies(Jdbc jdbc, Clock clock, Transitions transitions) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.transitions = transitions;
    }

    /** {@code taskId} waits for {@code dependsOn} from now on; returns the task as it is then. */
    public BoardTask add(Agent agent, String taskId, String dependsOn) {
        Instant now = clock.instant();
        return jdbc.inTransaction(tx -> add(tx, agent, taskId, dependsOn, now));
    }

    BoardTask add(Tx tx, Agent agent, String taskId, String dependsOn, Instant now) {
        String task = TaskRows.normalize(taskId);
        String upstream = TaskRows.normalize(dependsOn);
        if (task.equals(upstream)) {
            throw new InvalidInputException("a task cannot depend on itself (" + task + ")");
        }
        tx.query("SELECT pg_advisory_xact_lock(?, hashtext(?::text))", row -> null, LOCK_SPACE,
                agent.orgId().toString());
        Map<String, BoardTask> locked = new HashMap<>();
        for (String id : List.of(task, upstream).stream().sorted().toList()) {
            locked.put(id, TaskRows.lock(tx, agent.orgId(), id));
        }
        BoardTask dependent = locked.get(task);
        BoardTask dependency = locked.get(upstream);
        Optional<List<String>> cycle = pathBetween(tx, upstream, task);
        if (cycle.isPresent()) {
            List<String> loop = new ArrayList<>();
            loop.add(task);
            loop.addAll(cycle.get());
            throw BoardConflictException.cycle("board task " + task + " cannot depend on " + upstream
                    + ": that would close the cycle " + String.join(" -> ", loop), loop);
        }
        boolean open = dependency.status() != TaskStatus.COMPLETED;
        if (open && dependent.status() != TaskStatus.PENDING && dependent.status() != TaskStatus.BLOCKED) {
            throw new BoardConflictException("board task " + task + " is " + dependent.status().dbValue()
                    + ": it can only wait for an unfinished task while pending or blocked");
        }
        int added = tx.update("""
                INSERT INTO tasker_board.dependencies (org_id, task_id, depends_on, created_at) VALUES (?, ?, ?, ?)
                ON CONFLICT DO NOTHING
                """, agent.orgId(), task, upstream, BoardRows.tz(now));
        if (added == 1) {
            AuditLog.record(tx, agent, "dependency", task + "->" + upstream, task, "create",
                    Json.object().put("depends_on", upstream), now);
            if (open) {
                transitions.block(tx, agent, dependent, now);
            }
        }
        return TaskRows.get(tx, agent.orgId(), task);
    }

    /** {@code taskId} no longer waits for {@code dependsOn}; a task left with no open dependency is ready. */
    public BoardTask remove(Agent agent, String taskId, String dependsOn) {
        Instant now = clock.instant();
        String task = TaskRows.normalize(taskId);
        String upstream = TaskRows.normalize(dependsOn);
        return jdbc.inTransaction(tx -> {
            TaskRows.lock(tx, agent.orgId(), task);
            int removed = tx.update("DELETE FROM tasker_board.dependencies WHERE org_id = ? AND task_id = ? AND depends_on = ?",
                    agent.orgId(), task, upstream);
            if (removed == 0) {
                throw new io.tasker.NotFoundException("board task " + task + " does not depend on " + upstream);
            }
            AuditLog.record(tx, agent, "dependency", task + "->" + upstream, task, "delete",
                    Json.object().put("depends_on", upstream), now);
            transitions.unblockIfReady(tx, agent, task, "its dependency on " + upstream + " was removed", now);
            return TaskRows.get(tx, agent.orgId(), task);
        });
    }

    /** What the task waits for, recursively; with {@code reverse}, what waits for it. */
    public DependencyTree tree(UUID orgId, String taskId, boolean reverse) {
        return jdbc.withConnection(tx -> {
            BoardTask root = TaskRows.get(tx, orgId, taskId);
            return node(tx, root, reverse, new HashSet<>(), 0);
        });
    }

    private DependencyTree node(Tx tx, BoardTask task, boolean reverse, Set<String> seen, int depth) {
        if (!seen.add(task.id()) || depth >= MAX_DEPTH) {
            return new DependencyTree(task.id(), task.title(), task.status(), true, List.of());
        }
        String sql = "SELECT " + BoardRows.TASK_COLUMNS + " FROM tasker_board.dependencies d JOIN tasker_board.tasks t"
                + (reverse ? " ON t.id = d.task_id WHERE d.depends_on = ?" : " ON t.id = d.depends_on WHERE d.task_id = ?")
                + " ORDER BY t.id";
        List<DependencyTree> children = new ArrayList<>();
        for (BoardTask child : tx.query(sql, BoardRows::task, task.id())) {
            children.add(node(tx, child, reverse, seen, depth + 1));
        }
        return new DependencyTree(task.id(), task.title(), task.status(), false, children);
    }

    /** The ids from {@code from} to {@code to} following "depends on", if {@code to} is reachable. */
    private static Optional<List<String>> pathBetween(Tx tx, String from, String to) {
        return tx.queryOne("""
                WITH RECURSIVE walk (node, path) AS (
                    SELECT ?::text, ARRAY[?::text]
                    UNION ALL
                    SELECT d.depends_on::text, w.path || d.depends_on::text
                    FROM walk w JOIN tasker_board.dependencies d ON d.task_id = w.node
                    WHERE NOT d.depends_on::text = ANY (w.path)
                )
                SELECT path FROM walk WHERE node = ? LIMIT 1
                """, row -> List.of((String[]) row.getArray(1).getArray()), from, from, to);
    }
}
