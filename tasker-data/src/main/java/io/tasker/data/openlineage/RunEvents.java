package io.tasker.data.openlineage;

import io.tasker.data.run.JobOutputs;
import io.tasker.data.run.RunRow;
import io.tasker.json.Json;
import io.tasker.store.jdbc.SqlArray;
import io.tasker.store.jdbc.Tx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Writes the OpenLineage RunEvents of data runs to the engine's outbox ({@code tasker.outbox}, kind {@code event},
 * topic {@code openlineage.<TYPE>}) in the transaction that records the run's state: START when its first attempt
 * begins, COMPLETE with its accepted success, FAIL with its final failure. The server's outbox delivery sends each at
 * least once, with retries, to the configured endpoint or file; an unreachable endpoint never holds up a run, and
 * no event is lost with a crash (it commits with the run's outcome or not at all). Off (not even a read) when no
 * target is configured.
 */
public final class RunEvents {

    /** The column lineage of the datasets a job writes, with the input datasets' names. */
    private static final String COLUMNS = """
            SELECT od.name AS output, cl.output_column, idd.name AS input, cl.input_column, o.slug
            FROM tasker_data.datasets od
            JOIN tasker.orgs o ON o.id = od.org_id
            LEFT JOIN tasker_data.column_lineage cl ON cl.output_dataset_uuid = od.id
            LEFT JOIN tasker_data.datasets idd ON idd.id = cl.input_dataset_uuid
            WHERE od.org_id = ? AND od.name = ANY (?::text[])
            ORDER BY od.name, cl.output_column, idd.name, cl.input_column
            """;

    private static final String OUTBOX = """
            INSERT INTO tasker.outbox (kind, topic, task_uuid, workflow_step_uuid, target_url, payload,
                                       next_attempt_at, created_at)
            VALUES ('event', ?, ?, ?, ?, ?::jsonb, ?, ?)
            """;

    private final OpenLineageSettings settings;

    public RunEvents(OpenLineageSettings settings) {
        this.settings = settings;
    }

    public boolean enabled() {
        return settings.enabled();
    }

    public void started(Tx tx, RunRow run, Optional<UUID> step, Instant now) {
        write(tx, run, step, "START", Map.of(), Optional.empty(), now);
    }

    /** {@code result} is the accepted result of the run's publishing step (its {@link JobOutputs}). */
    public void completed(Tx tx, RunRow run, UUID step, JsonNode result, Instant now) {
        Map<String, RunEvent.Statistics> written = new LinkedHashMap<>();
        result.path(JobOutputs.OUTPUTS).forEach(w -> written.merge(w.path("dataset").asString(),
                new RunEvent.Statistics(w.path("row_count").asLong(), w.path("bytes").asLong()),
                (a, b) -> new RunEvent.Statistics(a.rows() + b.rows(), a.bytes() + b.bytes())));
        write(tx, run, Optional.of(step), "COMPLETE", written, Optional.empty(), now);
    }

    public void failed(Tx tx, RunRow run, UUID step, String message, Instant now) {
        write(tx, run, Optional.of(step), "FAIL", Map.of(), Optional.of(message), now);
    }

    private void write(Tx tx, RunRow run, Optional<UUID> step, String type, Map<String, RunEvent.Statistics> written,
                       Optional<String> error, Instant now) {
        if (!settings.enabled()) {
            return;
        }
        Map<String, List<RunEvent.ColumnSource>> outputs = new LinkedHashMap<>();
        run.job().outputDatasets().forEach(name -> outputs.put(name, new ArrayList<>()));
        String[] slug = {"default"};
        tx.query(COLUMNS, row -> {
            slug[0] = row.getString("slug");
            if (row.getString("output_column") != null) {
                outputs.get(row.getString("output")).add(new RunEvent.ColumnSource(row.getString("output_column"),
                        row.getString("input"), row.getString("input_column")));
            }
            return null;
        }, run.job().orgId(), SqlArray.texts(run.job().outputDatasets()));
        Optional<String> query = run.job().operator().equals("sql")
                ? Optional.of(run.job().operatorConfig().path("query").asString()) : Optional.empty();
        RunEvent event = new RunEvent(type, now, run.id(), settings.namespace() + "/" + slug[0],
                run.job().dagName() + "." + run.job().name(), run.job().operator(), query, run.job().inputDatasets(),
                outputs, written, error);
        tx.update(OUTBOX, "openlineage." + type, run.id(), step.orElse(null), settings.target().orElseThrow().toString(),
                Json.write(event.toJson()), now, now);
    }
}
