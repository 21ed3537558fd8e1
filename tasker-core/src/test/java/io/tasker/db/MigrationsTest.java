package io.tasker.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.tasker.testing.DatabaseTest;
import io.tasker.testing.TestPostgres;
import org.junit.jupiter.api.Test;

@DatabaseTest
class MigrationsTest {

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
}
