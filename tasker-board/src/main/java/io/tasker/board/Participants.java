package io.tasker.board;

import io.tasker.json.Json;
import io.tasker.store.jdbc.Tx;
import java.time.Instant;
import java.util.List;

/** Who takes part in a task. Creating, being assigned, claiming, joining or writing context makes an agent one. */
final class Participants {

    private Participants() {
    }

    /** Adds the agent to the task's participants (once; the audit row is written only when it is new). */
    static boolean join(Tx tx, Agent agent, String taskId, Instant now) {
        Agents.ensure(tx, agent.orgId(), agent.name(), now);
        return joinAs(tx, agent, agent.name(), taskId, now);
    }

    /** Adds {@code who} (e.g. an assignee) to the participants, recorded as done by {@code actor}. */
    static boolean joinAs(Tx tx, Agent actor, String who, String taskId, Instant now) {
        int added = tx.update("""
                INSERT INTO tasker_board.participants (org_id, task_id, agent_id, joined_at) VALUES (?, ?, ?, ?)
                ON CONFLICT DO NOTHING
                """, actor.orgId(), taskId, who, BoardRows.tz(now));
        if (added == 1) {
            AuditLog.record(tx, actor, "participant", taskId + ":" + who, taskId, "join",
                    Json.object().put("agent", who), now);
        }
        return added == 1;
    }

    static List<String> of(Tx tx, String taskId) {
        return tx.query("SELECT agent_id FROM tasker_board.participants WHERE task_id = ? ORDER BY joined_at, agent_id",
                row -> row.getString(1), taskId);
    }
}
