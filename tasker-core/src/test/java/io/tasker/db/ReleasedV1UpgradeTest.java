package io.tasker.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tasker.Tasker;
import io.tasker.state.TaskState;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.task.CreatedTask;
import io.tasker.task.TaskRequest;
import io.tasker.testing.DatabaseTest;
import io.tasker.testing.Engines;
import io.tasker.testing.Templates;
import io.tasker.testing.TestPostgres;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A database made by the released V1 (which held the functions and views; a copy is kept under
 * {@code io/tasker/db/released}) migrates to the current layout and ends up with exactly what a fresh database has.
 */
@DatabaseTest
class ReleasedV1UpgradeTest {

    private static final String TEMPLATE = Templates.chain("upgrade", "noop", "noop").name("upgrade").yaml();

    /** Everything of the tasker schemas that a migration makes, as sorted text (no oids, no data). */
    private static final String CATALOG = """
            SELECT 'function ' || p.oid::regprocedure::text || E'\\n' || pg_get_functiondef(p.oid)
                   || E'\\n-- ' || coalesce(obj_description(p.oid, 'pg_proc'), '')
            FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname IN ('tasker', 'tasker_archive')
            UNION ALL
            SELECT 'relation ' || n.nspname || '.' || c.relname || ' ' || c.relkind::text || E'\\n'
                   || coalesce(pg_get_viewdef(c.oid), '')
                   || E'\\n-- ' || coalesce(obj_description(c.oid, 'pg_class'), '')
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname IN ('tasker', 'tasker_archive') AND c.relname NOT LIKE 'flyway_schema_history%'
            UNION ALL
            SELECT 'column ' || n.nspname || '.' || c.relname || '.' || a.attname || ' '
                   || format_type(a.atttypid, a.atttypmod) || ' ' || a.attnotnull || ' '
                   || coalesce(pg_get_expr(d.adbin, d.adrelid), '') || ' -- '
                   || coalesce(col_description(c.oid, a.attnum), '')
            FROM pg_attribute a
            JOIN pg_class c ON c.oid = a.attrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE n.nspname IN ('tasker', 'tasker_archive') AND a.attnum > 0 AND NOT a.attisdropped
              AND c.relname NOT LIKE 'flyway_schema_history%'
            UNION ALL
            SELECT 'index ' || indexdef FROM pg_indexes
            WHERE schemaname IN ('tasker', 'tasker_archive') AND indexname NOT LIKE 'flyway_schema_history%'
            UNION ALL
            SELECT 'constraint ' || c.conrelid::regclass::text || ' ' || c.conname || ' ' || pg_get_constraintdef(c.oid)
            FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
            WHERE n.nspname IN ('tasker', 'tasker_archive') AND c.conrelid::regclass::text NOT LIKE '%flyway%'
            UNION ALL
            SELECT 'trigger ' || pg_get_triggerdef(t.oid)
            FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname IN ('tasker', 'tasker_archive') AND NOT t.tgisinternal
            UNION ALL
            SELECT 'type ' || t.typname || ' ' || t.typtype::text || ' '
                   || coalesce((SELECT string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) FROM pg_enum e
                                WHERE e.enumtypid = t.oid), '')
            FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
            WHERE n.nspname IN ('tasker', 'tasker_archive') AND t.typtype IN ('e', 'c', 'd')
            ORDER BY 1
            """;

    @Test
    void a_database_made_by_the_released_v1_upgrades_to_exactly_the_fresh_layout_and_runs(TestPostgres postgres,
                                                                                            DataSource fresh) {
        DataSource old = emptyDatabase(postgres, "tasker_released_v1");
        released(old).migrate();
        assertThat(v1Checksum(old)).as("the copy kept for this test is the released file")
                .isEqualTo(Migrations.RELEASED_V1_CHECKSUM);
        CreatedTask before;
        try (Tasker engine = Engines.fast(old).runWorkers(false).runMaintenance(false).template(TEMPLATE).start()) {
            before = engine.createTask(TaskRequest.of("upgrade", "upgrade").context(Map.of("made", "before"))
                    .build());
        }

        Migrations.Result upgrade = Migrations.migrate(old, postgres.serverVersion());

        assertThat(upgrade.applied()).as("the repeatable migrations, and any versions after 1").isPositive();
        assertThat(v1Checksum(old)).isEqualTo(Migrations.V1_CHECKSUM);
        assertThat(v1Checksum(fresh)).as("the constant is the current file's").isEqualTo(Migrations.V1_CHECKSUM);
        assertThat(catalog(fresh)).anyMatch(entry -> entry.startsWith("function tasker.claim_steps("))
                .anyMatch(entry -> entry.startsWith("trigger CREATE TRIGGER workflow_step_transitions_result_audit"));
        assertThat(catalog(old)).isEqualTo(catalog(fresh));
        assertThat(Migrations.isCurrent(old)).isTrue();
        try (Tasker engine = Engines.fast(old).template(TEMPLATE).start()) {
            CreatedTask after = engine.createTask(TaskRequest.of("upgrade", "upgrade").context(Map.of("made", "after"))
                    .build());
            assertThat(engine.awaitCompletion(before.taskUuid(), Duration.ofSeconds(30))).isEqualTo(TaskState.COMPLETE);
            assertThat(engine.awaitCompletion(after.taskUuid(), Duration.ofSeconds(30))).isEqualTo(TaskState.COMPLETE);
        }
    }

    @Test
    void a_v1_with_any_other_checksum_is_still_refused(TestPostgres postgres) {
        DataSource edited = emptyDatabase(postgres, "tasker_edited_v1");
        released(edited).migrate();
        new Jdbc(edited).update("UPDATE tasker.flyway_schema_history SET checksum = 42 WHERE version = '1'");
        assertThatThrownBy(() -> Migrations.migrate(edited, postgres.serverVersion()))
                .isInstanceOf(DatabaseException.class).hasMessageContaining("migrating the tasker schema failed");
    }

    private static Flyway released(DataSource dataSource) {
        return Flyway.configure().dataSource(dataSource).schemas(Migrations.SCHEMA).defaultSchema(Migrations.SCHEMA)
                .table(Migrations.HISTORY_TABLE).locations("classpath:io/tasker/db/released").load();
    }

    private static DataSource emptyDatabase(TestPostgres postgres, String name) {
        TestPostgres.execute(postgres.adminDataSource(), "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        postgres.createDatabase(name);
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(postgres.jdbcUrl(name));
        return dataSource;
    }

    private static int v1Checksum(DataSource dataSource) {
        return new Jdbc(dataSource).queryOne("SELECT checksum FROM tasker.flyway_schema_history WHERE version = '1'",
                row -> row.getInt(1)).orElseThrow();
    }

    private static List<String> catalog(DataSource dataSource) {
        return new Jdbc(dataSource).query(CATALOG, row -> row.getString(1));
    }
}
