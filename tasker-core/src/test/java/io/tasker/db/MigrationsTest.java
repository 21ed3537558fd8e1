package io.tasker.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.tasker.testing.DatabaseTest;
import io.tasker.testing.TestPostgres;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

@DatabaseTest
class MigrationsTest {

    /** A function, view or trigger being defined (not dropped, not commented on). */
    private static final Pattern DEFINES_CODE = Pattern.compile(
            "create\\s+(or\\s+replace\\s+)?(function|view|materialized\\s+view|trigger)\\b");

    /**
     * V3 redefined task_staleness before the repeatable migrations existed; R__dlq.sql carries that definition now
     * (running after V3, it would otherwise put the older one back). No versioned migration may do so again.
     */
    private static final List<String> GRANDFATHERED = List.of("V3__parked_steps.sql");

    @Test
    void migrating_a_current_schema_applies_nothing(TestPostgres postgres) {
        Migrations.Result result = Migrations.migrate(postgres.dataSource(), postgres.serverVersion());
        assertThat(result.applied()).isZero();
        assertThat(Migrations.isCurrent(postgres.dataSource())).isTrue();
        assertThat(Migrations.currentVersion(postgres.dataSource())).isEqualTo(result.schemaVersion());
    }

    @Test
    void the_suite_runs_on_the_configured_major_version(TestPostgres postgres) {
        assertThat(postgres.serverVersion().major()).isEqualTo(TestPostgres.configuredVersion());
    }

    @Test
    void functions_views_and_triggers_are_defined_only_in_repeatable_migrations()
            throws IOException, URISyntaxException {
        Path migrations = Path.of(Migrations.class.getResource("/db/migration").toURI());
        try (Stream<Path> files = Files.list(migrations)) {
            List<String> offending = files.map(Path::getFileName).map(Path::toString)
                    .filter(name -> name.startsWith("V") && !GRANDFATHERED.contains(name))
                    .filter(name -> DEFINES_CODE.matcher(withoutComments(migrations.resolve(name))).find())
                    .toList();
            assertThat(offending).as("versioned migrations that define a function, view or trigger: define it in "
                    + "the R__*.sql file named for what it does instead (repeatable migrations run after every "
                    + "versioned one and would put their own definition back)").isEmpty();
        }
    }

    private static String withoutComments(Path file) {
        try {
            // uuid_generate_v7 is created inside a DO block in V1 because column defaults need it before any table.
            return Files.readString(file).replaceAll("--[^\\n]*", "").replaceAll("(?s)\\$migration\\$.*?"
                    + "\\$migration\\$", "").toLowerCase(Locale.ROOT);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
