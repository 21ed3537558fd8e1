package io.tasker.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tasker.InvalidInputException;
import io.tasker.db.DatabaseTarget;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Settings that trade safety away must be asked for by name, and contradictions are refused at start. */
class SafetySettingsTest {

    @Test
    void the_embedded_database_is_durable_unless_the_unsafe_setting_is_given() {
        DatabaseTarget durable = ConfigLoader.load(Optional.empty(), Map.of(), Map.of()).settings().database().target();
        DatabaseTarget unsafe = ConfigLoader.load(Optional.empty(),
                Map.of("TASKER_EMBEDDED_UNSAFE_NO_DURABILITY", "true"), Map.of()).settings().database().target();

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
}
