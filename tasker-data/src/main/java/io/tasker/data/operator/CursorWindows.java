package io.tasker.data.operator;

import io.tasker.data.dag.CursorSpec;
import io.tasker.data.dataset.DatasetVersions;
import io.tasker.data.dataset.VersionRef;
import io.tasker.data.run.JobOutputs;
import io.tasker.data.run.RunRow;
import io.tasker.data.storage.DuckSandbox;
import io.tasker.store.jdbc.Jdbc;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The cursor windows of one attempt of an incremental job ({@code cursor: {column, lookback}}), one per input: the
 * stored cursor it starts from, the value it reads from (earlier by {@code lookback} windows), and, once the
 * operator has read its inputs, the new cursor (the largest value past the stored one) and the rows it read. The
 * attempt only reports the window; its completion advances the cursor when the engine accepts it (see
 * {@code CursorCommits}).
 *
 * <p>A cursor belongs to (input dataset version, job) where the job is the first deployed job row with the same
 * DAG, name and config hash: DAG versions that leave the job unchanged share its output and its cursor.
 */
final class CursorWindows {

    private static final String OWNER = """
            SELECT id FROM tasker_data.jobs WHERE org_id = ? AND dag_name = ? AND name = ? AND config_hash = ?
            ORDER BY created_at, id LIMIT 1
            """;
    private static final String STORED = """
            SELECT cursor_value FROM tasker_data.dataset_cursors
            WHERE dataset_uuid = ? AND dataset_version = ? AND job_id = ?
            """;
    /** The start of the window {@code lookback} windows back (NULL, or no row: read everything). */
    private static final String LOOKBACK = """
            SELECT w ->> 'from' FROM tasker_data.tasks t
            JOIN tasker_data.jobs j ON j.id = t.job_id
            CROSS JOIN LATERAL jsonb_array_elements(t.input_versions -> 'cursors') AS w
            WHERE j.org_id = ? AND j.dag_name = ? AND j.name = ? AND j.config_hash = ? AND t.status = 'succeeded'
              AND w ->> 'dataset_version' = ? AND (w ->> 'advanced')::boolean
            ORDER BY t.completed_at DESC, t.id DESC OFFSET ? LIMIT 1
            """;

    /** One input's window; {@code to} and {@code rows} grow as partitions are read. */
    static final class Window {
        final int input;
        final VersionRef dataset;
        final UUID owner;
        final String column;
        final Optional<String> from;
        final Optional<String> readFrom;
        Optional<String> to;
        long rows;

        Window(int input, VersionRef dataset, UUID owner, String column, Optional<String> from,
               Optional<String> readFrom) {
            this.input = input;
            this.dataset = dataset;
            this.owner = owner;
            this.column = column;
            this.from = from;
            this.readFrom = readFrom;
            this.to = from;
        }

        String view() {
            return "input_" + input;
        }

        JobOutputs.Cursor report() {
            return new JobOutputs.Cursor(dataset.datasetId(), dataset.versionId(), owner, column, from, to,
                    readFrom, rows);
        }
    }

    private final List<Window> windows;

    private CursorWindows(List<Window> windows) {
        this.windows = windows;
    }

    static CursorWindows open(Jdbc jdbc, RunRow run) {
        Optional<CursorSpec> cursor = run.job().cursor();
        if (cursor.isEmpty()) {
            return new CursorWindows(List.of());
        }
        var job = run.job();
        UUID owner = jdbc.queryOne(OWNER, row -> row.getObject(1, UUID.class), job.orgId(), job.dagName(),
                job.name(), job.configHash()).orElse(job.id());
        List<VersionRef> inputs = jdbc.withConnection(tx -> DatasetVersions.inputs(tx, job));
        List<Window> windows = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            VersionRef input = inputs.get(i);
            Optional<String> from = jdbc.queryOne(STORED, row -> Optional.ofNullable(row.getString(1)),
                    input.datasetId(), input.versionId(), owner).flatMap(v -> v);
            int lookback = cursor.get().lookback();
            Optional<String> readFrom = lookback == 0 ? from : jdbc.queryOne(LOOKBACK,
                    row -> Optional.ofNullable(row.getString(1)), job.orgId(), job.dagName(), job.name(),
                    job.configHash(), input.versionId().toString(), lookback - 1).flatMap(v -> v);
            windows.add(new Window(i, input, owner, cursor.get().column(), from, readFrom));
        }
        return new CursorWindows(windows);
    }

    /** The row filter of each input view: {@code "column" > 'read from'}. */
    Map<String, String> filters() {
        Map<String, String> filters = new LinkedHashMap<>();
        windows.forEach(w -> w.readFrom.ifPresent(value -> filters.put(w.view(),
                DuckSandbox.identifier(w.column) + " > " + DuckSandbox.literal(value))));
        return filters;
    }

    /**
     * After the operator made its (filtered) input views: counts the rows read and moves each window's end to the
     * largest cursor value past it (DuckDB compares in the column's own type; the value is kept as its text).
     */
    void measure(DuckSandbox duck) throws SQLException {
        for (Window w : windows) {
            String column = DuckSandbox.identifier(w.column);
            String past = w.to.map(v -> " FILTER (WHERE " + column + " > " + DuckSandbox.literal(v) + ")").orElse("");
            try (Statement s = duck.connection().createStatement();
                 ResultSet row = s.executeQuery("SELECT count(*), CAST(max(" + column + ")" + past + " AS VARCHAR)"
                         + " FROM " + DuckSandbox.identifier(w.view()))) {
                row.next();
                w.rows += row.getLong(1);
                Optional.ofNullable(row.getString(2)).ifPresent(v -> w.to = Optional.of(v));
            }
        }
    }

    boolean isEmpty() {
        return windows.isEmpty();
    }

    List<JobOutputs.Cursor> report() {
        return windows.stream().map(Window::report).toList();
    }
}
