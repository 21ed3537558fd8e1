package io.tasker.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.tasker.db.schema.SchemaCatalog;
import io.tasker.db.schema.SchemaMarkdown;
import io.tasker.testing.DatabaseTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/database-schema.md} must be exactly what the migrations produce. To refresh it after changing a
 * migration: {@code bin/tasker db schema-doc --output docs/database-schema.md}, or run this test with
 * {@code -Dtasker.updateSchemaDoc=true}.
 */
@DatabaseTest
class SchemaDocTest {

    static final Path COMMITTED = Path.of(System.getProperty("basedir", "."))
            .resolve("../docs/database-schema.md").normalize();

    @Test
    void committed_schema_document_matches_the_migrated_catalog(DataSource dataSource) throws IOException {
        String generated = SchemaMarkdown.render(SchemaCatalog.read(dataSource));
        if (Boolean.getBoolean("tasker.updateSchemaDoc")) {
            Files.writeString(COMMITTED, generated, StandardCharsets.UTF_8);
        }
        assertThat(COMMITTED).as("the committed schema document").exists();
        assertThat(Files.readString(COMMITTED, StandardCharsets.UTF_8))
                .as("docs/database-schema.md is out of date; regenerate it with: "
                        + SchemaMarkdown.REGENERATE_COMMAND)
                .isEqualTo(generated);
    }

    @Test
    void schema_document_has_no_junk_rows(DataSource dataSource) {
        String generated = SchemaMarkdown.render(SchemaCatalog.read(dataSource));
        assertThat(generated).doesNotContain("-- ").doesNotContain("CONSTRAINTS").contains("erDiagram")
                .contains("tasks ||--o{ workflow_steps : \"task_uuid\"");
    }
}
