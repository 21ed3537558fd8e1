package io.tasker.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.tasker.db.schema.SchemaCatalog;
import io.tasker.testing.DatabaseTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/database-schema-data.md} is exactly what the {@code tasker_data} migrations produce, and the seed's
 * tables have exactly the seed's columns (plus org ids). To refresh the document after a migration: run this test
 * with {@code -Dtasker.updateSchemaDoc=true}.
 */
@DatabaseTest
class DataSchemaDocTest {

    static final Path COMMITTED = Path.of(System.getProperty("basedir", "."))
            .resolve("../docs/database-schema-data.md").normalize();

    @Test
    void committed_schema_document_matches_the_migrated_catalog(DataSource dataSource) throws IOException {
        String generated = render(SchemaCatalog.read(dataSource, DataSchemaLayer.SCHEMA));
        if (Boolean.getBoolean("tasker.updateSchemaDoc")) {
            Files.writeString(COMMITTED, generated, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(COMMITTED, StandardCharsets.UTF_8))
                .as("docs/database-schema-data.md is out of date; run DataSchemaDocTest with -Dtasker.updateSchemaDoc=true")
                .isEqualTo(generated);
    }

    @Test
    void seed_tables_have_the_seed_columns(DataSource dataSource) {
        SchemaCatalog catalog = SchemaCatalog.read(dataSource, DataSchemaLayer.SCHEMA);
        assertThat(columns(catalog, "tasks")).containsExactly("id", "org_id", "job_id", "status", "partitions",
                "input_versions", "worker_id", "started_at", "completed_at", "last_heartbeat", "attempts",
                "next_retry_at", "error_message", "outputs", "created_at");
        assertThat(columns(catalog, "partition_versions")).containsExactly("dataset_uuid", "dataset_version",
                "partition_key", "materialized_at", "config_hash", "schema_hash", "location", "row_count", "bytes");
        assertThat(columns(catalog, "jobs")).hasSize(23).contains("idle_timeout", "scaling", "unique_key");
        assertThat(catalog.tables()).extracting(SchemaCatalog.Table::name).contains("dag_versions",
                "dag_current_versions", "jobs", "datasets", "dataset_versions", "dag_version_datasets", "tasks",
                "task_inputs", "partition_versions", "dataset_cursors", "data_invalidations", "column_lineage");
    }

    private static List<String> columns(SchemaCatalog catalog, String table) {
        return catalog.tables().stream().filter(t -> t.name().equals(table)).findFirst().orElseThrow().columns()
                .stream().map(SchemaCatalog.Column::name).toList();
    }

    static String render(SchemaCatalog catalog) {
        StringBuilder out = new StringBuilder("# Database schema: tasker_data\n\n")
                .append("> Generated from the live catalog by `DataSchemaDocTest` (tasker-data); do not edit by hand.\n\n")
                .append("The data pipeline layer ([data-pipelines.md](data-pipelines.md)) keeps its tables in the ")
                .append("`tasker_data` schema, migrated after the core (`classpath:db/tasker_data`, its own Flyway ")
                .append("history). The core schema is in [database-schema.md](database-schema.md).\n\n");
        for (SchemaCatalog.Table table : catalog.tables()) {
            out.append("## ").append(table.name()).append("\n\n");
            table.comment().ifPresent(c -> out.append(c).append("\n\n"));
            out.append("| column | type | null | key | description |\n|---|---|---|---|---|\n");
            for (SchemaCatalog.Column c : table.columns()) {
                out.append("| `").append(c.name()).append("` | ").append(c.type()).append(" | ")
                        .append(c.notNull() ? "not null" : "null").append(" | ")
                        .append(c.primaryKey() ? "PK" : "").append(c.foreignKey() ? (c.primaryKey() ? ", FK" : "FK") : "")
                        .append(" | ").append(c.comment().orElse("").replace("|", "\\|")).append(" |\n");
            }
            out.append('\n');
        }
        out.append("## Foreign keys\n\n| from | to |\n|---|---|\n");
        catalog.foreignKeys().forEach(fk -> out.append("| ").append(fk.sourceTable()).append('.')
                .append(fk.sourceColumn()).append(" | ").append(fk.targetTable()).append('.').append(fk.targetColumn())
                .append(" |\n"));
        return out.toString();
    }
}
