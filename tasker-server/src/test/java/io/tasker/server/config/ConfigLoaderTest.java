package io.tasker.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import io.tasker.InvalidInputException;
import io.tasker.db.DatabaseTarget;
import io.tasker.engine.DynamicLimits;
import io.tasker.scheduler.Retention;
import io.tasker.scheduler.StalenessDetector;
import io.tasker.server.Role;
import io.tasker.server.ServerSettings;
import io.tasker.server.auth.Permission;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


class ConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void withNothingGivenEverySettingHasItsDocumentedDefault() {
        ConfigLoader.Loaded loaded = ConfigLoader.load(Optional.empty(), Map.of(), Map.of());
        ServerSettings settings = loaded.settings();
        ServerSettings defaults = ServerSettings.defaults();

        assertThat(settings.database().target()).isEqualTo(new DatabaseTarget.Embedded(Path.of(".tasker/pgdata"), 0));
        assertThat(settings.bind()).isEqualTo("127.0.0.1");
        assertThat(settings.port()).isEqualTo(8080);
        assertThat(settings.roles()).isEqualTo(EnumSet.allOf(Role.class));
        assertThat(settings.namespaces()).isEmpty();
        assertThat(settings.concurrency()).isEqualTo(defaults.concurrency());
        assertThat(settings.lease()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.shutdownGrace()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.templatesDirectory()).contains(Path.of("templates"));
        assertThat(settings.templatesDirectoryRequired()).isFalse();
        assertThat(settings.auth().enabled()).isFalse();
        assertThat(settings.dynamicLimits()).isEqualTo(DynamicLimits.DEFAULTS);
        assertThat(settings.operations().staleness())
                .isEqualTo(new StalenessDetector.Settings(true, Duration.ofMinutes(1), false, 100));
        assertThat(settings.operations().retention())
                .isEqualTo(new Retention.Settings(true, Duration.ofDays(30), false, 500, Duration.ofMinutes(5)));
        assertThat(loaded.logLevel()).isEqualTo("INFO");
        assertThat(loaded.file()).isEmpty();
    }

    @Test
    void flagsBeatEnvironmentWhichBeatsTheFile() throws IOException {
        Path file = write("""
                server:
                  port: 9001
                  roles: [worker]
                worker:
                  concurrency: 7
                  lease_seconds: 12
                logging:
                  level: debug
                """);

        ConfigLoader.Loaded loaded = ConfigLoader.load(Optional.of(file),
                Map.of("TASKER_PORT", "9002", "TASKER_CONCURRENCY", "8"),
                Map.of("server.port", "9003"));

        ServerSettings settings = loaded.settings();
        assertThat(settings.port()).isEqualTo(9003);
        assertThat(settings.concurrency()).isEqualTo(8);
        assertThat(settings.lease()).isEqualTo(Duration.ofSeconds(12));
        assertThat(settings.roles()).containsExactly(Role.WORKER);
        assertThat(loaded.logLevel()).isEqualTo("DEBUG");
        assertThat(loaded.file()).contains(file);
    }

    @Test
    void aDatabaseUrlReplacesTheEmbeddedDatabase() {
        ServerSettings settings = ConfigLoader.load(Optional.empty(),
                Map.of("TASKER_DATABASE_URL", "postgresql://tasker:secret@db.internal:5433/work"), Map.of())
                .settings();

        assertThat(settings.database().target()).isInstanceOf(DatabaseTarget.External.class);
        assertThat(((DatabaseTarget.External) settings.database().target()).url().jdbcUrl())
                .isEqualTo("jdbc:postgresql://db.internal:5433/work");
    }

    @Test
    void listsComeFromCommasOrYamlSequences() throws IOException {
        Path file = write("""
                worker:
                  namespaces: [billing, shipping]
                templates:
                  dir: /srv/templates
                """);

        ServerSettings fromFile = ConfigLoader.load(Optional.of(file), Map.of(), Map.of()).settings();
        ServerSettings fromEnv = ConfigLoader.load(Optional.empty(),
                Map.of("TASKER_NAMESPACES", " billing , shipping ", "TASKER_ROLES", "api,scheduler"), Map.of())
                .settings();

        assertThat(fromFile.namespaces()).containsExactly("billing", "shipping");
        assertThat(fromFile.templatesDirectory()).contains(Path.of("/srv/templates"));
        assertThat(fromFile.templatesDirectoryRequired()).isTrue();
        assertThat(fromEnv.namespaces()).containsExactly("billing", "shipping");
        assertThat(fromEnv.roles()).containsExactlyInAnyOrder(Role.API, Role.SCHEDULER);
    }

    @Test
    void apiKeysFromYamlAndFromTheEnvironment() throws IOException {
        Path file = write("""
                auth:
                  api_keys:
                    - name: ops
                      key: ops-key-0123456789
                      permissions: ["*"]
                    - name: reader
                      key: reader-key-0123456789
                      permissions: [tasks:read, templates:read]
                """);

        var fromFile = ConfigLoader.load(Optional.of(file), Map.of(), Map.of()).settings().auth().apiKeys();
        var fromEnv = ConfigLoader.load(Optional.empty(),
                Map.of("TASKER_API_KEYS", "ops=ops-key-0123456789:*; reader=reader-key-0123456789:tasks:read"),
                Map.of()).settings().auth().apiKeys();

        assertThat(fromFile).extracting(k -> k.name()).containsExactly("ops", "reader");
        assertThat(fromFile.get(0).permissions()).isEqualTo(EnumSet.allOf(Permission.class));
        assertThat(fromFile.get(1).permissions()).containsExactlyInAnyOrder(Permission.TASKS_READ,
                Permission.TEMPLATES_READ);
        assertThat(fromEnv).extracting(k -> k.name()).containsExactly("ops", "reader");
        assertThat(fromEnv.get(1).permissions()).containsExactly(Permission.TASKS_READ);
    }

    @Test
    void anUnknownKeyInTheFileIsNamed() throws IOException {
        Path file = write("""
                server:
                  prot: 9000
                """);

        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of(), Map.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("unknown setting 'server.prot'")
                .hasMessageContaining(file.toString());
    }

    @Test
    void aValueThatDoesNotParseNamesTheSettingAndItsSource() throws IOException {
        Path file = write("worker:\n  concurrency: lots\n");

        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of(), Map.of()))
                .hasMessageContaining("worker.concurrency")
                .hasMessageContaining(file.toString())
                .hasMessageContaining("'lots' is not a whole number");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("TASKER_PORT", "70000"), Map.of()))
                .hasMessageContaining("server.port (from environment variable TASKER_PORT)")
                .hasMessageContaining("between 0 and 65535");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of(), Map.of("server.roles", "api,cron")))
                .hasMessageContaining("server.roles (from flag --roles)")
                .hasMessageContaining("unknown role 'cron'");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("TASKER_LOG_LEVEL", "loud"), Map.of()))
                .hasMessageContaining("logging.level");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(),
                Map.of("TASKER_MAX_BATCH_WORKERS", "1000000"), Map.of()))
                .hasMessageContaining("engine.max_batch_workers").hasMessageContaining("between 1 and 100000");
    }

    @Test
    void stalenessAndRetentionFromTheFileAndTheEnvironment() throws IOException {
        Path file = write("""
                dlq:
                  staleness_enabled: false
                  staleness_interval_seconds: 15
                retention:
                  days: 7
                  archive: true
                """);

        ServerSettings settings = ConfigLoader.load(Optional.of(file),
                Map.of("TASKER_STALENESS_DRY_RUN", "yes", "TASKER_RETENTION_BATCH_SIZE", "50"), Map.of()).settings();

        assertThat(settings.operations().staleness())
                .isEqualTo(new StalenessDetector.Settings(false, Duration.ofSeconds(15), true, 100));
        assertThat(settings.operations().retention())
                .isEqualTo(new Retention.Settings(true, Duration.ofDays(7), true, 50, Duration.ofMinutes(5)));
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("TASKER_RETENTION_ENABLED", "maybe"),
                Map.of())).hasMessageContaining("retention.enabled").hasMessageContaining("not true or false");
    }

    @Test
    void badCredentialsConfigurationStopsStartUp() {
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(),
                Map.of("TASKER_API_KEYS", "ops=short:*"), Map.of()))
                .hasMessageContaining("auth.api_keys").hasMessageContaining("at least 8 characters");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(),
                Map.of("TASKER_API_KEYS", "ops=ops-key-0123456789:tasks:destroy"), Map.of()))
                .hasMessageContaining("unknown permission 'tasks:destroy'");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(),
                Map.of("TASKER_JWT_ALGORITHM", "HS256", "TASKER_JWT_SECRET", "too-short"), Map.of()))
                .hasMessageContaining("auth.jwt").hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(),
                Map.of("TASKER_JWT_ALGORITHM", "none"), Map.of()))
                .hasMessageContaining("must be HS256 or RS256");
    }

    @Test
    void aMissingOrMalformedFileIsReported() throws IOException {
        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(dir.resolve("absent.yaml")), Map.of(), Map.of()))
                .hasMessageContaining("does not exist");
        Path notMapping = write("- just\n- a list\n");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(notMapping), Map.of(), Map.of()))
                .hasMessageContaining("must be a YAML mapping");
        Path broken = write("server: [unclosed\n");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(broken), Map.of(), Map.of()))
                .hasMessageContaining("is not valid YAML");
    }

    @Test
    void everyDocumentedSettingHasAnEnvironmentVariableAndADefaultColumn() {
        assertThat(SettingsCatalog.ALL).extracting(Setting::key).doesNotHaveDuplicates();
        assertThat(SettingsCatalog.ALL).extracting(Setting::environment).doesNotHaveDuplicates()
                .allMatch(name -> name.startsWith("TASKER_"));
        List<String> flags = SettingsCatalog.ALL.stream().flatMap(s -> s.flag().stream()).toList();
        assertThat(flags).doesNotHaveDuplicates().allMatch(flag -> flag.startsWith("--"));
    }

    private Path write(String yaml) throws IOException {
        Path file = Files.createTempFile(dir, "tasker", ".yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
