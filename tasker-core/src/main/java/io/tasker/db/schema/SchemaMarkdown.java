package io.tasker.db.schema;

import java.util.List;
import java.util.Optional;

/**
 * Renders a {@link SchemaCatalog} as the Markdown page committed at {@code docs/database-schema.md}: a Mermaid ER
 * diagram, the tables with their descriptions and columns, the foreign keys, enum types, functions and views.
 * The output depends only on the catalog, so the same migrations give the same page on PostgreSQL 17 and 18.
 */
public final class SchemaMarkdown {

    public static final String REGENERATE_COMMAND = "bin/tasker db schema-doc --output docs/database-schema.md";

    private SchemaMarkdown() {
    }

    public static String render(SchemaCatalog catalog) {
        StringBuilder out = new StringBuilder(16_384);
        out.append("# Database Schema\n\n")
                .append("> Generated from the live catalog of a migrated database. Do not edit by hand.\n>\n")
                .append("> Regenerate with: `").append(REGENERATE_COMMAND).append("`\n\n")
                .append("Tasker keeps everything in the `tasker` schema of one PostgreSQL database (17 or newer).\n")
                .append("Every primary key is a time-ordered UUIDv7 from `tasker.uuid_generate_v7()`: PostgreSQL 18's\n")
                .append("native `uuidv7()`, or an equivalent PL/pgSQL function on PostgreSQL 17. Times are UTC.\n\n")
                .append("The migrations are in `tasker-core/src/main/resources/db/migration`: versioned ones (`V1__...`)\n")
                .append("for tables, types and indexes; repeatable ones named for what they do (`R__claim_steps.sql`,\n")
                .append("`R__readiness.sql`, `R__dlq.sql`, ...) for the functions, views and triggers below.\n\n");
        diagram(out, catalog);
        tableIndex(out, catalog);
        columns(out, catalog);
        foreignKeys(out, catalog);
        enums(out, catalog);
        compositeTypes(out, catalog);
        functions(out, catalog);
        views(out, catalog);
        return out.toString();
    }

    private static void diagram(StringBuilder out, SchemaCatalog catalog) {
        out.append("## Entity Relationship Diagram\n\n```mermaid\nerDiagram\n");
        for (SchemaCatalog.Table table : catalog.tables()) {
            out.append("    ").append(table.name()).append(" {\n");
            for (SchemaCatalog.Column column : table.columns()) {
                out.append("        ").append(diagramType(column))
                        .append(' ').append(column.name());
                String keys = column.primaryKey() && column.foreignKey() ? "PK, FK"
                        : column.primaryKey() ? "PK" : column.foreignKey() ? "FK" : "";
                if (!keys.isEmpty()) {
                    out.append(' ').append(keys);
                }
                out.append('\n');
            }
            out.append("    }\n");
        }
        out.append('\n');
        for (SchemaCatalog.ForeignKey fk : catalog.foreignKeys()) {
            out.append("    ").append(fk.targetTable()).append(" ||--o{ ").append(fk.sourceTable())
                    .append(" : \"").append(fk.sourceColumn()).append("\"\n");
        }
        out.append("```\n\n");
    }

    private static void tableIndex(StringBuilder out, SchemaCatalog catalog) {
        out.append("## Tables\n\n| Table | Description |\n|-------|-------------|\n");
        for (SchemaCatalog.Table table : catalog.tables()) {
            out.append("| `").append(table.name()).append("` | ").append(cell(table.comment())).append(" |\n");
        }
        out.append('\n');
    }

    private static void columns(StringBuilder out, SchemaCatalog catalog) {
        out.append("## Columns\n\n");
        for (SchemaCatalog.Table table : catalog.tables()) {
            out.append("### `").append(table.name()).append("`\n\n");
            table.comment().ifPresent(comment -> out.append(comment).append("\n\n"));
            out.append("| Column | Type | Null | Key | Description |\n|--------|------|------|-----|-------------|\n");
            for (SchemaCatalog.Column column : table.columns()) {
                String key = column.primaryKey() && column.foreignKey() ? "PK, FK"
                        : column.primaryKey() ? "PK" : column.foreignKey() ? "FK" : "";
                out.append("| `").append(column.name()).append("` | `").append(column.type()).append("` | ")
                        .append(column.notNull() ? "no" : "yes").append(" | ").append(key).append(" | ")
                        .append(cell(column.comment())).append(" |\n");
            }
            out.append('\n');
        }
    }

    private static void foreignKeys(StringBuilder out, SchemaCatalog catalog) {
        out.append("## Foreign Key Relationships\n\n")
                .append("| Source Table | Column | Target Table | Target Column |\n")
                .append("|-------------|--------|-------------|---------------|\n");
        for (SchemaCatalog.ForeignKey fk : catalog.foreignKeys()) {
            out.append("| `").append(fk.sourceTable()).append("` | `").append(fk.sourceColumn()).append("` | `")
                    .append(fk.targetTable()).append("` | `").append(fk.targetColumn()).append("` |\n");
        }
        out.append('\n');
    }

    private static void enums(StringBuilder out, SchemaCatalog catalog) {
        if (catalog.enums().isEmpty()) {
            return;
        }
        out.append("## Enum Types\n\n| Type | Values |\n|------|--------|\n");
        for (SchemaCatalog.EnumType type : catalog.enums()) {
            out.append("| `").append(type.name()).append("` | ").append(codeList(type.labels())).append(" |\n");
        }
        out.append('\n');
    }

    private static void compositeTypes(StringBuilder out, SchemaCatalog catalog) {
        if (catalog.compositeTypes().isEmpty()) {
            return;
        }
        out.append("## Composite Types\n\nThe rows some functions return.\n\n")
                .append("| Type | Fields | Description |\n|------|--------|-------------|\n");
        for (SchemaCatalog.CompositeType type : catalog.compositeTypes()) {
            out.append("| `").append(type.name()).append("` | ").append(codeList(type.fields())).append(" | ")
                    .append(cell(type.comment())).append(" |\n");
        }
        out.append('\n');
    }

    private static void functions(StringBuilder out, SchemaCatalog catalog) {
        if (catalog.functions().isEmpty()) {
            return;
        }
        out.append("## Functions\n\n| Function | Returns | Description |\n|----------|---------|-------------|\n");
        for (SchemaCatalog.Function function : catalog.functions()) {
            out.append("| `").append(function.name()).append('(').append(function.arguments()).append(")` | `")
                    .append(function.returns().replace("|", "\\|")).append("` | ")
                    .append(cell(function.comment())).append(" |\n");
        }
        out.append('\n');
    }

    private static void views(StringBuilder out, SchemaCatalog catalog) {
        if (catalog.views().isEmpty()) {
            return;
        }
        out.append("## Views\n\n| View | Description |\n|------|-------------|\n");
        for (SchemaCatalog.View view : catalog.views()) {
            out.append("| `").append(view.name()).append("` | ").append(cell(view.comment())).append(" |\n");
        }
        out.append('\n');
    }

    /** Short type names as in seed 000's diagram: {@code varchar}, {@code integer}, {@code enum}. */
    private static String diagramType(SchemaCatalog.Column column) {
        if (column.isEnum()) {
            return "enum";
        }
        return switch (column.udtName()) {
            case "int4" -> "integer";
            case "int8" -> "bigint";
            case "bool" -> "boolean";
            default -> column.udtName();
        };
    }

    private static String codeList(List<String> values) {
        StringBuilder list = new StringBuilder();
        for (String value : values) {
            list.append(list.isEmpty() ? "" : ", ").append('`').append(value).append('`');
        }
        return list.toString();
    }

    private static String cell(Optional<String> text) {
        return text.map(t -> t.replace("|", "\\|").replace("\n", " ")).orElse("");
    }
}
