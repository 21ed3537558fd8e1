package io.tasker.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tasker.InvalidInputException;
import io.tasker.db.DatabaseTarget;
import io.tasker.scheduler.Retention;
import io.tasker.scheduler.StalenessDetector;
import io.tasker.server.OperationsSettings;
import io.tasker.server.Role;
import io.tasker.server.ServerSettings;
import io.tasker.server.auth.Permission;
import io.tasker.settings.EngineSettings;
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
    void with_nothing_given_every_setting_is_the_default_the_docs_print_and_the_engine_starts_with() {
        ConfigLoader.Loaded loaded = ConfigLoader.load(Optional.empty(), Map.of(), Map.of());
        ServerSettings settings = loaded.settings();
        ServerSettings.Engine engine = settings.engine();
        StalenessDetector.Settings staleness = settings.operations().staleness();
        Retention.Settings retention = settings.operations().retention();

        Map<String, Object> loadedValues = Map.ofEntries(
                Map.entry("database.data_dir", Path.of("").toAbsolutePath()
                        .relativize(((DatabaseTarget.Embedded) settings.storage().database().target()).dataDirectory())),
                Map.entry("database.embedded_port",
                        ((DatabaseTarget.Embedded) settings.storage().database().target()).port()),
                Map.entry("database.pool_size", settings.storage().database().maximumPoolSize()),
                Map.entry("server.bind", settings.listen().bind()),
                Map.entry("server.port", settings.listen().port()),
                Map.entry("server.max_request_bytes", settings.listen().maxRequestBytes()),
                Map.entry("server.shutdown_grace_seconds", engine.shutdownGrace().toSeconds()),
                Map.entry("worker.concurrency", engine.concurrency()),
                Map.entry("worker.claim_batch", engine.claimBatch()),
                Map.entry("worker.poll_interval_ms", engine.pollInterval().toMillis()),
                Map.entry("worker.lease_seconds", engine.lease().toSeconds()),
                Map.entry("worker.eager_dispatch", engine.eagerDispatch()),
                Map.entry("scheduler.interval_ms", engine.maintenanceInterval().toMillis()),
                Map.entry("templates.dir", settings.content().templatesDirectory().orElseThrow()),
                Map.entry("engine.environment", engine.environment()),
                Map.entry("engine.max_context_bytes", engine.maxContextBytes()),
                Map.entry("engine.max_result_bytes", engine.maxResultBytes()),
                Map.entry("engine.checkpoint_history", engine.checkpointHistory()),
                Map.entry("engine.max_decision_steps", engine.dynamicLimits().maxDecisionSteps()),
                Map.entry("engine.max_decision_depth", engine.dynamicLimits().maxDecisionDepth()),
                Map.entry("engine.max_batch_workers", engine.dynamicLimits().maxBatchWorkers()),
                Map.entry("dlq.staleness_enabled", staleness.enabled()),
                Map.entry("dlq.staleness_interval_seconds", staleness.interval().toSeconds()),
                Map.entry("dlq.staleness_dry_run", staleness.dryRun()),
                Map.entry("dlq.staleness_batch_size", staleness.batchSize()),
                Map.entry("retention.enabled", retention.enabled()),
                Map.entry("retention.days", retention.maxAge().toDays()),
                Map.entry("retention.archive", retention.archive()),
                Map.entry("retention.batch_size", retention.batchSize()),
                Map.entry("retention.interval_minutes", retention.interval().toMinutes()),
                Map.entry("auth.key_cache_seconds", settings.auth().keyCacheTtl().toSeconds()),
                Map.entry("logging.level", loaded.logLevel()));
        loadedValues.forEach((key, value) -> assertThat(String.valueOf(value)).as(key)
                .isEqualTo(SettingsCatalog.byKey(key).orElseThrow().defaultValue()));

        // What the loader builds from nothing is what an engine embedded with no settings starts with.
        assertThat(engine).isEqualTo(ServerSettings.Engine.DEFAULTS);
        assertThat(engine.concurrency()).isEqualTo(EngineSettings.CONCURRENCY.defaultInt());
        assertThat(engine.lease()).isEqualTo(EngineSettings.LEASE.defaultValue());
        assertThat(settings.operations()).isEqualTo(OperationsSettings.DEFAULTS);
        assertThat(settings.process().roles()).isEqualTo(EnumSet.allOf(Role.class));
        assertThat(settings.process().namespaces()).isEmpty();
        assertThat(settings.content().templatesDirectoryRequired()).isFalse();
        assertThat(settings.auth().enabled()).isFalse();
        assertThat(loaded.file()).isEmpty();
    }

    @Test
    void a_number_out_of_the_engines_range_is_refused_with_the_range_the_engine_declares() {
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("TASKER_CONCURRENCY", "0"), Map.of()))
                .hasMessageContaining("worker.concurrency").hasMessageContaining("between "
                        + EngineSettings.CONCURRENCY.min() + " and " + EngineSettings.CONCURRENCY.max());
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("TASKER_POLL_INTERVAL_MS", "5"),
                Map.of())).hasMessageContaining("worker.poll_interval_ms").hasMessageContaining("between 10 and "
                        + EngineSettings.POLL_INTERVAL.max().toMillis());
    }

    @Test
    void flags_beat_the_environment_which_beats_the_file() throws IOException {
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
        assertThat(settings.listen().port()).isEqualTo(9003);
        assertThat(settings.engine().concurrency()).isEqualTo(8);
        assertThat(settings.engine().lease()).isEqualTo(Duration.ofSeconds(12));
        assertThat(settings.process().roles()).containsExactly(Role.WORKER);
        assertThat(loaded.logLevel()).isEqualTo("DEBUG");
        assertThat(loaded.file()).contains(file);
    }

    @Test
    void a_database_url_replaces_the_embedded_database() {
        ServerSettings settings = ConfigLoader.load(Optional.empty(),
                Map.of("TASKER_DATABASE_URL", "postgresql://tasker:secret@db.internal:5433/work"), Map.of())
                .settings();

        assertThat(settings.storage().database().target()).isInstanceOf(DatabaseTarget.External.class);
        assertThat(((DatabaseTarget.External) settings.storage().database().target()).url().jdbcUrl())
                .isEqualTo("jdbc:postgresql://db.internal:5433/work");
    }

    @Test
    void lists_come_from_commas_or_yaml_sequences() throws IOException {
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

        assertThat(fromFile.process().namespaces()).containsExactly("billing", "shipping");
        assertThat(fromFile.content().templatesDirectory()).contains(Path.of("/srv/templates"));
        assertThat(fromFile.content().templatesDirectoryRequired()).isTrue();
        assertThat(fromEnv.process().namespaces()).containsExactly("billing", "shipping");
        assertThat(fromEnv.process().roles()).containsExactlyInAnyOrder(Role.API, Role.SCHEDULER);
    }

    @Test
    void api_keys_come_from_yaml_and_from_the_environment() throws IOException {
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
    void an_unknown_key_in_the_file_is_named() throws IOException {
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
    void a_value_that_does_not_parse_names_the_setting_and_its_source() throws IOException {
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
    void staleness_and_retention_come_from_the_file_and_the_environment() throws IOException {
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
        assertThat(ConfigLoader.load(Optional.empty(), Map.of("TASKER_EAGER_DISPATCH", "on"), Map.of()).settings()
                .engine().eagerDispatch()).isTrue();
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("TASKER_RETENTION_ENABLED", "maybe"),
                Map.of())).hasMessageContaining("retention.enabled").hasMessageContaining("not true or false");
    }

    @Test
    void a_bad_credentials_configuration_stops_start_up() {
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
    void a_missing_or_malformed_file_is_reported() throws IOException {
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
    void every_documented_setting_has_an_environment_variable_and_a_default_column() {
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
