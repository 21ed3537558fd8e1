package io.tasker.board;

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
 * {@code docs/database-schema-board.md} must be what the board's migrations produce. To refresh it:
 * {@code bin/tasker db schema-doc --schema tasker_board --output docs/database-schema-board.md}, or run this test with
 * {@code -Dtasker.updateSchemaDoc=true}.
 */
@DatabaseTest
class BoardSchemaDocTest {

    static final Path COMMITTED = Path.of(System.getProperty("basedir", "."))
            .resolve("../docs/database-schema-board.md").normalize();

    @Test
    void committed_board_schema_document_matches_the_migrated_catalog(DataSource dataSource) throws IOException {
        BoardSchema layer = new BoardSchema();
        String generated = SchemaMarkdown.render(SchemaCatalog.read(dataSource, BoardSchema.SCHEMA), layer.title(),
                "bin/tasker db schema-doc --schema tasker_board --output docs/database-schema-board.md",
                layer.description());
        if (Boolean.getBoolean("tasker.updateSchemaDoc")) {
            Files.writeString(COMMITTED, generated, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(COMMITTED, StandardCharsets.UTF_8))
                .as("docs/database-schema-board.md is out of date; regenerate it (see this test's javadoc)")
                .isEqualTo(generated);
        assertThat(generated).contains("| `tasks` |").contains("| `notification_reads` |").contains("`audit_log`");
    }
}
