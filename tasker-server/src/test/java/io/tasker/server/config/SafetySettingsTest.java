package io.tasker.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tasker.InvalidInputException;
import io.tasker.db.DatabaseTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Settings that trade safety away must be asked for by name; contradictions, ambiguous API keys and a settings file
 * with a key twice are refused at start.
 */
class SafetySettingsTest {

    @Test
    void the_embedded_database_is_durable_unless_the_unsafe_setting_is_given() {
        DatabaseTarget durable = ConfigLoader.load(Optional.empty(), Map.of(), Map.of()).settings().storage().database().target();
        DatabaseTarget unsafe = ConfigLoader.load(Optional.empty(),
                Map.of("TASKER_EMBEDDED_UNSAFE_NO_DURABILITY", "true"), Map.of()).settings().storage().database().target();

        assertThat(((DatabaseTarget.Embedded) durable).unsafeNoDurability()).isFalse();
        assertThat(((DatabaseTarget.Embedded) unsafe).unsafeNoDurability()).isTrue();
    }

    @Test
    void the_unsafe_setting_with_an_external_database_is_refused() {
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of(
                "TASKER_EMBEDDED_UNSAFE_NO_DURABILITY", "true",
                "TASKER_DATABASE_URL", "postgresql://tasker@db.internal/tasker"), Map.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("database.embedded_unsafe_no_durability")
                .hasMessageContaining("applies to the embedded database only");
    }

    @Test
    void api_keys_with_the_same_name_or_the_same_secret_are_refused() {
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("TASKER_API_KEYS",
                "ops=first-secret-123:*;ops=second-secret-456:tasks:read"), Map.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("the name 'ops' is used by more than one key");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("TASKER_API_KEYS",
                "ops=same-secret-123:*;reader=same-secret-123:tasks:read"), Map.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("key 'reader' has the same secret as another key")
                .hasMessageNotContaining("same-secret-123");
    }

    @Test
    void a_settings_file_with_a_key_twice_is_refused(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("tasker.yaml"),
                "server:\n  port: 9001\nserver:\n  port: 9002\n");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of(), Map.of()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("\"server\" appears twice");
    }

    @Test
    void the_http_handler_hosts_come_from_a_list_and_bad_entries_stop_start_up() {
        assertThat(ConfigLoader.load(Optional.empty(), Map.of("TASKER_HTTP_ALLOWED_HOSTS",
                "api.example.com, *.hooks.example.org"), Map.of()).settings().content().httpTargets().hosts())
                .containsExactly("api.example.com", "*.hooks.example.org");
        assertThat(ConfigLoader.load(Optional.empty(), Map.of(), Map.of()).settings().content().httpTargets().restricted())
                .isFalse();
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("TASKER_HTTP_ALLOWED_HOSTS",
                "https://api.example.com/hook"), Map.of()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("handlers.http.allowed_hosts");
    }
}
