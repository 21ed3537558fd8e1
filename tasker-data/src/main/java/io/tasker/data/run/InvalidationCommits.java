package io.tasker.data.run;

import io.tasker.data.DataRows;
import io.tasker.data.dag.UpdateStrategy;
import io.tasker.data.dataset.VersionRef;
import io.tasker.json.Json;
import io.tasker.store.jdbc.Tx;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The cascade of invalidations, in the transaction that accepts a run's success: a re-materialisation passes its
 * invalidation on to the runs its commit starts; a run that processed an invalidation is recorded in
 * {@code processed_by} (and {@code processed_at} is set once every direct dependent is), and if it rewrote its
 * output ({@code replace}) each partition it wrote carries a new invalidation, one level down, to its readers.
 */
final class InvalidationCommits {

    private static final String PROCESSED = """
            UPDATE tasker_data.data_invalidations SET processed_by = array_append(processed_by, ?::uuid)
            WHERE id = ? AND NOT (?::uuid = ANY (processed_by))
            """;
    private static final String SETTLE = """
            UPDATE tasker_data.data_invalidations SET processed_at = ?
            WHERE id = ? AND processed_at IS NULL
              AND ARRAY(SELECT d::uuid FROM jsonb_array_elements_text(coalesce(source_event -> 'dependents',
                                                                                '[]'::jsonb)) AS d) <@ processed_by
            """;

    private record Row(String scope, JsonNode rowFilter, String reason) {
    }

    private InvalidationCommits() {
    }

    static List<Triggers.Committed> cascade(Tx tx, RunRow run, List<Triggers.Committed> committed, Instant now) {
        String rematerialise = run.trigger() == null ? "" : run.trigger().path("rematerialise").asString("");
        if (!rematerialise.isEmpty()) {
            UUID id = UUID.fromString(rematerialise);
            tx.update(SETTLE, DataRows.tz(now), id);
            Row row = load(tx, id);
            return committed.stream().map(c -> with(c, new Triggers.Cascade(id, row.rowFilter()))).toList();
        }
        String processed = run.trigger() == null ? "" : run.trigger().path("invalidation_id").asString("");
        if (processed.isEmpty()) {
            return committed;
        }
        UUID parent = UUID.fromString(processed);
        tx.update(PROCESSED, run.job().id(), parent, run.job().id());
        tx.update(SETTLE, DataRows.tz(now), parent);
        if (run.job().updateStrategy() != UpdateStrategy.REPLACE) {
            return committed;
        }
        Row row = load(tx, parent);
        return committed.stream().map(c -> {
            UUID datasetId = tx.queryOne("SELECT id FROM tasker_data.datasets WHERE org_id = ? AND name = ?",
                    r -> r.getObject(1, UUID.class), c.org(), c.dataset()).orElseThrow();
            ObjectNode event = Json.object().put("parent", parent.toString()).put("job", run.job().name())
                    .put("run", run.id().toString());
            UUID child = Invalidations.insert(tx, c.org(), new VersionRef(c.dataset(), datasetId, c.versionId(), ""),
                    c.partition(), new Invalidations.Request(row.scope(), c.partition(),
                            Optional.ofNullable(row.rowFilter()), row.reason()), Optional.of(event), now);
            tx.update(SETTLE, DataRows.tz(now), child);
            return with(c, new Triggers.Cascade(child, row.rowFilter()));
        }).toList();
    }

    private static Triggers.Committed with(Triggers.Committed c, Triggers.Cascade cascade) {
        return new Triggers.Committed(c.org(), c.dataset(), c.versionId(), c.partition(), c.materializedAt(),
                Optional.of(cascade));
    }

    private static Row load(Tx tx, UUID id) {
        return tx.queryOne("SELECT scope, row_filter, reason FROM tasker_data.data_invalidations WHERE id = ?",
                r -> new Row(r.getString(1), DataRows.json(r, "row_filter"), r.getString(3)), id).orElseThrow();
    }
}
