package io.tasker.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/configuration.md} lists exactly the settings the loader knows, with their defaults. To refresh the
 * table after changing {@link SettingsCatalog}, run this test with {@code -Dtasker.updateConfigDoc=true}.
 */
class SettingsDocTest {

    static final Path DOCUMENT = Path.of(System.getProperty("basedir", "."))
            .resolve("../docs/configuration.md").normalize();

    @Test
    void the_configuration_document_lists_every_setting_with_its_default() throws IOException {
        String committed = Files.readString(DOCUMENT, StandardCharsets.UTF_8);
        String refreshed = SettingsDoc.refresh(committed);
        if (Boolean.getBoolean("tasker.updateConfigDoc")) {
            Files.writeString(DOCUMENT, refreshed, StandardCharsets.UTF_8);
            committed = refreshed;
        }
        assertThat(committed)
                .as("docs/configuration.md is out of date; run SettingsDocTest with -Dtasker.updateConfigDoc=true")
                .isEqualTo(refreshed);
    }

    @Test
    void the_table_has_one_row_per_setting() {
        String table = SettingsDoc.table();
        for (Setting setting : SettingsCatalog.ALL) {
            assertThat(table).contains("| `" + setting.key() + "` | `" + setting.environment() + "` |");
        }
        assertThat(table.lines().filter(line -> line.startsWith("| `"))).hasSize(SettingsCatalog.ALL.size());
    }
}
