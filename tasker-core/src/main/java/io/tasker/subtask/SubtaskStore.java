package io.tasker.subtask;

import io.tasker.park.ParkKey;
import io.tasker.state.TaskState;
import io.tasker.store.Rows;
import io.tasker.store.jdbc.SqlArray;
import io.tasker.store.jdbc.Tx;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

/** What child workflows read: parent steps whose child ended, a child's state and its last steps' results. */
final class SubtaskStore {

    /** Parked subtask steps whose child has ended (or was removed). */
    private static final String ENDED_CHILDREN = """
            SELECT p.task_uuid, p.wake_key FROM tasker.parked_steps p
            LEFT JOIN tasker.tasks c ON c.task_uuid = CASE WHEN p.kind = 'subtask' THEN p.wake_key::uuid END
            WHERE p.kind = 'subtask' AND (?::text[] IS NULL OR p.wake_key = ANY (?::text[]))
              AND (c.task_uuid IS NULL OR c.completed_at IS NOT NULL)
            LIMIT ?
            """;

    private static final String CHILD = """
            SELECT t.task_uuid, tt.to_state FROM tasker.tasks t
            JOIN tasker.task_transitions tt ON tt.task_uuid = t.task_uuid AND tt.most_recent
            WHERE t.task_uuid = ?
            """;

    /** The results of the child's last steps (those no other step depends on), by step name. */
    private static final String LAST_RESULTS = """
            SELECT n.name, s.results FROM tasker.workflow_steps s
            JOIN tasker.named_steps n ON n.named_step_uuid = s.named_step_uuid
            WHERE s.task_uuid = ? AND s.current_state IN ('complete', 'resolved_manually')
              AND NOT EXISTS (SELECT 1 FROM tasker.workflow_step_edges e WHERE e.from_step_uuid = s.workflow_step_uuid)
            ORDER BY n.name
            """;

    private SubtaskStore() {
    }

    /** Parent steps (by park key) whose child has ended: of the given children, or of any when empty. */
    static List<ParkKey> endedChildren(Tx tx, Optional<List<String>> children, int limit) {
        SqlArray keys = children.map(SqlArray::texts).orElse(null);
        return tx.query(ENDED_CHILDREN, row -> new ParkKey(row.getObject("task_uuid", UUID.class),
                SubtaskStep.KIND, row.getString("wake_key")), keys, keys, limit);
    }

    static Optional<TaskState> state(Tx tx, UUID task) {
        return tx.queryOne(CHILD, row -> TaskState.fromDb(row.getString("to_state")), task);
    }

    /** The results of the task's last steps, by step name (null for a step resolved without one). */
    static Map<String, JsonNode> lastResults(Tx tx, UUID task) {
        Map<String, JsonNode> results = new LinkedHashMap<>();
        tx.query(LAST_RESULTS, row -> results.put(row.getString("name"), Optional.ofNullable(
                Rows.json(row, "results")).orElse(NullNode.getInstance())), task);
        return results;
    }
}
