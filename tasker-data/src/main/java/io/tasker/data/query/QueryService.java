package io.tasker.data.query;

import io.tasker.InvalidInputException;
import io.tasker.data.DataRows;
import io.tasker.data.dataset.DatasetForbiddenException;
import io.tasker.data.dataset.Reader;
import io.tasker.data.storage.DuckSandbox;
import io.tasker.data.storage.DuckThreads;
import io.tasker.data.storage.Storage;
import io.tasker.store.jdbc.Jdbc;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v1/query}: DuckDB SQL over the published datasets of an org, each a view named after the dataset.
 * The versions and partition files are read in one statement when the query starts, so it is pinned to them: a
 * cut-over or a new partition during the query changes nothing it sees. It runs in a {@link DuckSandbox} that may
 * read exactly those files (no other file, no PostgreSQL, no extensions, no writes), must be one SELECT, and is
 * cut off at the row limit and cancelled at the time limit.
 */
public final class QueryService {

    public static final int MAX_SQL_LENGTH = 100_000;

    private static final String PINNED = """
            SELECT d.name, d.read_roles, v.id AS version_id,
                   array_agg(p.location ORDER BY p.partition_key) FILTER (WHERE p.location IS NOT NULL) AS locations
            FROM tasker_data.datasets d
            JOIN tasker_data.dag_current_versions c ON c.org_id = d.org_id AND c.dag_name = d.producer_dag_name
            JOIN tasker_data.dag_version_datasets m ON m.dag_version_id = c.dag_version_id AND m.dataset_uuid = d.id
            JOIN tasker_data.dataset_versions v ON v.id = m.dataset_version
            LEFT JOIN tasker_data.partition_versions p ON p.dataset_version = v.id
            WHERE d.org_id = ? AND position('__' in d.name) = 0
            GROUP BY d.name, d.read_roles, v.id
            ORDER BY d.name
            """;

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "tasker-data-query-timer");
        thread.setDaemon(true);
        return thread;
    });

    private record Pinned(String name, List<String> readRoles, UUID version, List<Path> files) {
    }

    private final Jdbc jdbc;
    private final Storage storage;
    private final int maxRows;
    private final Duration timeout;

    public QueryService(Jdbc jdbc, Storage storage, int maxRows, Duration timeout) {
        this.jdbc = jdbc;
        this.storage = storage;
        this.maxRows = maxRows;
        this.timeout = timeout;
    }

    /** Runs the query with access to every published dataset of the org. */
    public QueryResult run(UUID org, String sql) {
        return run(org, sql, Reader.EVERYTHING);
    }

    /**
     * Runs the query on a DuckDB thread (see {@link DuckThreads}); a dataset the reader may not read is no view, and
     * a query that names one is refused ({@link DatasetForbiddenException}).
     */
    public QueryResult run(UUID org, String sql, Reader reader) {
        try {
            return DuckThreads.call(() -> runHere(org, sql, reader));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private QueryResult runHere(UUID org, String sql, Reader reader) {
        if (sql == null || sql.isBlank() || sql.length() > MAX_SQL_LENGTH) {
            throw new InvalidInputException("sql: must be one SELECT of at most " + MAX_SQL_LENGTH + " characters");
        }
        long started = System.nanoTime();
        List<Pinned> all = jdbc.query(PINNED, row -> new Pinned(row.getString("name"),
                DataRows.texts(row, "read_roles"), row.getObject("version_id", UUID.class), DataRows.texts(row, "locations").stream()
                .map(storage::dataFile).toList()), org);
        List<Pinned> pinned = all.stream().filter(p -> reader.mayRead(p.readRoles())).toList();
        List<Path> files = new ArrayList<>();
        pinned.forEach(p -> files.addAll(p.files()));
        Map<String, UUID> versions = new LinkedHashMap<>();
        try (DuckSandbox duck = DuckSandbox.open(files, List.of())) {
            duck.notOneSelect(sql).ifPresent(problem -> {
                throw new InvalidInputException("sql: " + problem);
            });
            java.util.Set<String> named = duck.tableNames(sql);
            all.stream().filter(p -> named.contains(p.name())).forEach(p -> reader.check(p.name(), p.readRoles()));
            for (Pinned dataset : pinned) {
                versions.put(dataset.name(), dataset.version());
                String body = dataset.files().isEmpty() ? "SELECT NULL::VARCHAR AS no_rows WHERE false"
                        : "SELECT * FROM read_parquet(" + DuckSandbox.list(dataset.files()) + ", union_by_name = true)";
                duck.execute("CREATE VIEW " + DuckSandbox.identifier(dataset.name()) + " AS " + body);
            }
            return execute(duck, sql, versions, started);
        } catch (SQLException e) {
            throw new InvalidInputException("sql: " + clean(DuckSandbox.firstLine(e).get(0)));
        }
    }

    private QueryResult execute(DuckSandbox duck, String sql, Map<String, UUID> versions, long started)
            throws SQLException {
        AtomicBoolean timedOut = new AtomicBoolean();
        try (Statement statement = duck.connection().createStatement()) {
            ScheduledFuture<?> cancel = TIMER.schedule(() -> {
                timedOut.set(true);
                try {
                    statement.cancel();
                } catch (SQLException e) {
                    // the statement finished meanwhile
                }
            }, timeout.toMillis(), TimeUnit.MILLISECONDS);
            try (ResultSet rows = statement.executeQuery(sql)) {
                ResultSetMetaData meta = rows.getMetaData();
                List<QueryResult.Column> columns = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    columns.add(new QueryResult.Column(meta.getColumnLabel(i), meta.getColumnTypeName(i)));
                }
                List<List<JsonNode>> values = new ArrayList<>();
                boolean truncated = false;
                while (rows.next()) {
                    if (values.size() == maxRows) {
                        truncated = true;
                        break;
                    }
                    List<JsonNode> row = new ArrayList<>();
                    for (int i = 1; i <= columns.size(); i++) {
                        row.add(QueryValues.json(rows.getObject(i)));
                    }
                    values.add(row);
                }
                return new QueryResult(columns, values, truncated, versions,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            } catch (SQLException e) {
                if (timedOut.get()) {
                    throw new QueryTimeoutException("sql: the query ran longer than " + timeout.toSeconds()
                            + " s and was cancelled");
                }
                throw e;
            } finally {
                cancel.cancel(false);
            }
        }
    }

    private String clean(String message) {
        return message.replace(storage.root().toString(), "<storage>");
    }
}
