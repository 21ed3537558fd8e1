package io.tasker.data.run;

import io.tasker.data.DataRows;
import io.tasker.json.Json;
import io.tasker.store.jdbc.Tx;
import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Advances the cursors of an incremental job when the engine accepts an attempt's success (in the recording
 * transaction, so only an attempt that still held its lease gets here, once). The move is a compare-and-set from the
 * value the attempt started at: a duplicated, retried or late completion of a window that was already taken finds
 * the cursor elsewhere and moves nothing, so a cursor never moves twice for one window or backwards. Each window is
 * kept on the run ({@code input_versions.cursors}, with whether it advanced) for {@code lookback}.
 */
final class CursorCommits {

    private static final String ADVANCE = """
            INSERT INTO tasker_data.dataset_cursors
                (dataset_uuid, dataset_version, job_id, cursor_column, cursor_value, updated_at)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (dataset_uuid, dataset_version, job_id) DO UPDATE
            SET cursor_value = excluded.cursor_value, cursor_column = excluded.cursor_column,
                updated_at = excluded.updated_at
            WHERE tasker_data.dataset_cursors.cursor_value IS NOT DISTINCT FROM ?
            """;

    private CursorCommits() {
    }

    static void advance(Tx tx, RunRow run, JsonNode result, Instant now) {
        JsonNode cursors = result.path(JobOutputs.CURSORS);
        if (!cursors.isArray() || cursors.isEmpty()) {
            return;
        }
        ArrayNode windows = Json.MAPPER.createArrayNode();
        for (JsonNode json : cursors) {
            JobOutputs.Cursor c = JobOutputs.Cursor.fromJson(json);
            boolean moves = c.to().isPresent() && !c.to().equals(c.from());
            boolean advanced = moves && tx.update(ADVANCE, c.datasetId(), c.versionId(), c.owner(), c.column(),
                    c.to().get(), DataRows.tz(now), c.from().orElse(null)) == 1;
            ObjectNode window = ((ObjectNode) json).deepCopy();
            window.put("advanced", advanced);
            windows.add(window);
        }
        tx.update("""
                UPDATE tasker_data.tasks
                SET input_versions = coalesce(input_versions, '{}'::jsonb) || jsonb_build_object('cursors', ?::jsonb)
                WHERE id = ?
                """, windows, run.id());
    }
}
