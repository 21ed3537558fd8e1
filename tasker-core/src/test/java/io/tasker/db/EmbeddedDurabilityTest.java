package io.tasker.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.tasker.store.jdbc.Jdbc;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded PostgreSQL acknowledges a commit only once it is on disk, unless told otherwise by the explicitly
 * unsafe setting. (The embedding library's defaults would not: it passes {@code -F} and {@code synchronous_commit=off}.)
 */
class EmbeddedDurabilityTest {

    @TempDir
    Path temp;

    @Test
    void the_embedded_server_runs_with_fsync_synchronous_commit_and_full_page_writes_on() {
        try (Database database = Database.open(DatabaseSettings.of(DatabaseTarget.embedded(temp.resolve("pg"))))) {
            assertThat(durabilitySettings(database)).containsExactly("on", "on", "on");
        }
    }

    @Test
    void the_unsafe_setting_turns_all_three_off() {
        DatabaseTarget target = new DatabaseTarget.Embedded(temp.resolve("pg"), 0, true);
        try (Database database = Database.open(DatabaseSettings.of(target))) {
            assertThat(durabilitySettings(database)).containsExactly("off", "off", "off");
        }
    }

    private static List<String> durabilitySettings(Database database) {
        return new Jdbc(database.dataSource()).query("""
                SELECT setting FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes')
                ORDER BY name
                """, row -> row.getString(1));
    }
}
