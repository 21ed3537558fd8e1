package io.tasker.data.storage;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An in-memory DuckDB that may touch only the files and directories it is given: external access is off (no other
 * file, no extension, no ATTACH of PostgreSQL or anything else), the allowed paths are fixed, and the configuration is
 * locked so that SQL cannot undo any of it. Every operator and every user query runs in one of these.
 */
public final class DuckSandbox implements AutoCloseable {

    /** Threads per DuckDB: runs execute side by side on the engine's workers, so each stays small. */
    public static final int THREADS = 1;
    public static final String MEMORY_LIMIT = "512MB";

    private final Connection connection;

    private DuckSandbox(Connection connection) {
        this.connection = connection;
    }

    /**
     * @param files       files that may be read (input partitions, published datasets)
     * @param directories directories whose contents may be read and written (an attempt's staging directory, the
     *                    input root for the file operator)
     */
    public static DuckSandbox open(Collection<Path> files, Collection<Path> directories) throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement s = connection.createStatement()) {
            s.execute("SET threads = " + THREADS);
            s.execute("SET memory_limit = '" + MEMORY_LIMIT + "'");
            s.execute("SET autoinstall_known_extensions = false");
            s.execute("SET autoload_known_extensions = false");
            if (!files.isEmpty()) {
                s.execute("SET allowed_paths = " + list(files));
            }
            if (!directories.isEmpty()) {
                s.execute("SET allowed_directories = " + list(directories));
            }
            s.execute("SET enable_external_access = false");
            s.execute("SET lock_configuration = true");
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        return new DuckSandbox(connection);
    }

    public Connection connection() {
        return connection;
    }

    public void execute(String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }

    public long queryLong(String sql) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet row = s.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    /** Why {@code sql} is not exactly one SELECT statement, if it is not (DuckDB's own parser decides). */
    public Optional<String> notOneSelect(String sql) throws SQLException {
        tools.jackson.databind.JsonNode json = parse(sql);
        if (json.path("error").asBoolean(false)) {
            String message = json.path("error_message").asString("not a query");
            return Optional.of(message.startsWith("Only SELECT") ? "must be a SELECT query" : message);
        }
        if (json.path("statements").size() != 1) {
            return Optional.of("must be exactly one SELECT statement");
        }
        return Optional.empty();
    }

    /** The names of the tables a query reads (DuckDB's parser decides; CTE names are left out). */
    public java.util.Set<String> tableNames(String sql) throws SQLException {
        java.util.Set<String> names = new java.util.HashSet<>();
        collectTables(parse(sql), names);
        return names;
    }

    /** The query as DuckDB's parser reads it: {@code json_serialize_sql}'s JSON (unbound: names as written). */
    public tools.jackson.databind.JsonNode parse(String sql) throws SQLException {
        try (var statement = connection.prepareStatement("SELECT json_serialize_sql(?::VARCHAR)")) {
            statement.setString(1, sql);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return io.tasker.json.Json.parse(row.getString(1));
            }
        }
    }

    private static void collectTables(tools.jackson.databind.JsonNode node, java.util.Set<String> names) {
        if (node.isObject() && "BASE_TABLE".equals(node.path("type").asString(""))
                && node.path("table_name").isString()) {
            names.add(node.path("table_name").asString().toLowerCase(java.util.Locale.ROOT));
        }
        for (tools.jackson.databind.JsonNode child : node) {
            collectTables(child, names);
        }
    }

    /** A SQL string literal (paths come from validated names, but are quoted properly all the same). */
    public static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /** {@code [ 'a', 'b' ]} */
    public static String list(Collection<Path> paths) {
        return paths.stream().map(p -> literal(p.toString())).collect(Collectors.joining(", ", "[", "]"));
    }

    /** A quoted identifier. */
    public static String identifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    public static List<String> firstLine(SQLException e) {
        String message = e.getMessage() == null ? "query failed" : e.getMessage();
        return List.of(message.strip().lines().findFirst().orElse(message));
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // an in-memory database: nothing to lose
        }
    }
}
