package io.tasker.db.schema;

import io.tasker.db.Migrations;
import io.tasker.store.jdbc.Jdbc;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * What the {@code tasker} schema holds, read from the live PostgreSQL catalog (not from the migration text), in
 * creation order. Flyway's own history table is left out: it is not part of the data model.
 */
public record SchemaCatalog(List<Table> tables, List<ForeignKey> foreignKeys, List<EnumType> enums,
                            List<CompositeType> compositeTypes, List<Function> functions, List<View> views) {

    public record Table(String name, Optional<String> comment, List<Column> columns) {
        public Optional<Column> column(String columnName) {
            return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
        }
    }

    /**
     * @param type     full SQL type, e.g. {@code character varying(64)}
     * @param udtName  PostgreSQL's short type name, e.g. {@code varchar}, {@code timestamp}, {@code dlq_reason}
     * @param isEnum   true for a user-defined enum type
     */
    public record Column(String name, String type, String udtName, boolean isEnum, boolean notNull,
                         boolean primaryKey, boolean foreignKey, Optional<String> comment) {
    }

    public record ForeignKey(String sourceTable, String sourceColumn, String targetTable, String targetColumn) {
    }

    public record EnumType(String name, List<String> labels) {
    }

    /** A row type functions return; {@code fields} as {@code name type}. */
    public record CompositeType(String name, List<String> fields, Optional<String> comment) {
    }

    public record Function(String name, String arguments, String returns, Optional<String> comment) {
    }

    public record View(String name, Optional<String> comment) {
    }

    private static final String SCHEMA = Migrations.SCHEMA;

    private static final String TABLES = """
            SELECT c.relname, obj_description(c.oid, 'pg_class')
            FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = ? AND c.relkind IN ('r', 'p') AND c.relname <> ?
            ORDER BY c.oid
            """;

    private static final String COLUMNS = """
            SELECT c.relname,
                   a.attname,
                   format_type(a.atttypid, a.atttypmod),
                   t.typname,
                   t.typtype = 'e',
                   a.attnotnull,
                   EXISTS (SELECT 1 FROM pg_constraint k
                           WHERE k.conrelid = c.oid AND k.contype = 'p' AND a.attnum = ANY (k.conkey)),
                   EXISTS (SELECT 1 FROM pg_constraint k
                           WHERE k.conrelid = c.oid AND k.contype = 'f' AND a.attnum = ANY (k.conkey)),
                   col_description(c.oid, a.attnum)
            FROM pg_attribute a
            JOIN pg_class c ON c.oid = a.attrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_type t ON t.oid = a.atttypid
            WHERE n.nspname = ? AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY c.oid, a.attnum
            """;

    private static final String FOREIGN_KEYS = """
            SELECT src.relname, sa.attname, tgt.relname, ta.attname
            FROM pg_constraint con
            JOIN pg_class src ON src.oid = con.conrelid
            JOIN pg_class tgt ON tgt.oid = con.confrelid
            JOIN pg_namespace n ON n.oid = src.relnamespace
            CROSS JOIN LATERAL unnest(con.conkey, con.confkey) AS k(source_attnum, target_attnum)
            JOIN pg_attribute sa ON sa.attrelid = src.oid AND sa.attnum = k.source_attnum
            JOIN pg_attribute ta ON ta.attrelid = tgt.oid AND ta.attnum = k.target_attnum
            WHERE con.contype = 'f' AND n.nspname = ?
            ORDER BY src.oid, sa.attnum, tgt.relname
            """;

    private static final String ENUMS = """
            SELECT t.typname, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text[]
            FROM pg_type t
            JOIN pg_enum e ON e.enumtypid = t.oid
            JOIN pg_namespace n ON n.oid = t.typnamespace
            WHERE n.nspname = ?
            GROUP BY t.oid, t.typname
            ORDER BY t.oid
            """;

    private static final String COMPOSITE_TYPES = """
            SELECT t.typname,
                   array_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod) ORDER BY a.attnum)::text[],
                   obj_description(t.oid, 'pg_type')
            FROM pg_type t
            JOIN pg_namespace n ON n.oid = t.typnamespace
            JOIN pg_class c ON c.oid = t.typrelid AND c.relkind = 'c'
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
            WHERE n.nspname = ?
            GROUP BY t.oid, t.typname
            ORDER BY t.typname
            """;

    private static final String FUNCTIONS = """
            SELECT p.proname, pg_get_function_identity_arguments(p.oid), pg_get_function_result(p.oid),
                   obj_description(p.oid, 'pg_proc')
            FROM pg_proc p
            JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname = ?
            ORDER BY p.proname, pg_get_function_identity_arguments(p.oid)
            """;

    private static final String VIEWS = """
            SELECT c.relname, obj_description(c.oid, 'pg_class')
            FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = ? AND c.relkind IN ('v', 'm')
            ORDER BY c.relname
            """;

    /** Reads the catalog of a migrated database's {@code tasker} schema. */
    public static SchemaCatalog read(DataSource dataSource) {
        return read(dataSource, SCHEMA);
    }

    /** Reads the catalog of one schema (the core's, or a layer's such as {@code tasker_data} or {@code tasker_board}). */
    public static SchemaCatalog read(DataSource dataSource, String schema) {
        Jdbc jdbc = new Jdbc(dataSource);
        Map<String, List<Column>> columnsByTable = new LinkedHashMap<>();
        jdbc.query(COLUMNS, row -> {
            columnsByTable.computeIfAbsent(row.getString(1), t -> new ArrayList<>()).add(new Column(
                    row.getString(2), row.getString(3), row.getString(4), row.getBoolean(5), row.getBoolean(6),
                    row.getBoolean(7), row.getBoolean(8), Optional.ofNullable(row.getString(9))));
            return null;
        }, schema);
        List<Table> tables = jdbc.query(TABLES, row -> new Table(row.getString(1),
                Optional.ofNullable(row.getString(2)),
                List.copyOf(columnsByTable.getOrDefault(row.getString(1), List.of()))), schema, Migrations.HISTORY_TABLE);
        List<ForeignKey> foreignKeys = jdbc.query(FOREIGN_KEYS, row -> new ForeignKey(row.getString(1),
                row.getString(2), row.getString(3), row.getString(4)), schema);
        List<EnumType> enums = jdbc.query(ENUMS, row -> new EnumType(row.getString(1),
                List.of((String[]) row.getArray(2).getArray())), schema);
        List<CompositeType> compositeTypes = jdbc.query(COMPOSITE_TYPES, row -> new CompositeType(row.getString(1),
                List.of((String[]) row.getArray(2).getArray()), Optional.ofNullable(row.getString(3))), schema);
        List<Function> functions = jdbc.query(FUNCTIONS, row -> new Function(row.getString(1), row.getString(2),
                row.getString(3), Optional.ofNullable(row.getString(4))), schema);
        List<View> views = jdbc.query(VIEWS, row -> new View(row.getString(1),
                Optional.ofNullable(row.getString(2))), schema);
        return new SchemaCatalog(tables, foreignKeys, enums, compositeTypes, functions, views);
    }

    public Optional<Table> table(String name) {
        return tables.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
