package io.tasker.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tasker.db.schema.SchemaCatalog;
import io.tasker.store.jdbc.DataAccessException;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.testing.DatabaseTest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The migrated schema holds every table and column of seed 000 and of the older seed 001 tables. */
@DatabaseTest
class SchemaTest {

    /** The ER diagram of seed 000 (types as it writes them), plus the four older tables of seed 001. */
    private static final String EXPECTED = """
            named_steps: named_step_uuid uuid, name varchar, description varchar, created_at timestamp, updated_at timestamp
            named_tasks: named_task_uuid uuid, task_namespace_uuid uuid, name varchar, description varchar, version varchar, configuration jsonb, created_at timestamp, updated_at timestamp
            named_tasks_named_steps: ntns_uuid uuid, named_task_uuid uuid, named_step_uuid uuid, default_retryable boolean, default_max_attempts integer, created_at timestamp, updated_at timestamp
            workflow_step_edges: workflow_step_edge_uuid uuid, from_step_uuid uuid, to_step_uuid uuid, name varchar, created_at timestamp, updated_at timestamp
            workflow_steps: workflow_step_uuid uuid, task_uuid uuid, named_step_uuid uuid, retryable boolean, max_attempts integer, in_process boolean, processed boolean, processed_at timestamp, attempts integer, last_attempted_at timestamp, backoff_request_seconds integer, inputs jsonb, results jsonb, created_at timestamp, updated_at timestamp, priority integer, checkpoint jsonb
            task_namespaces: task_namespace_uuid uuid, name varchar, description varchar, created_at timestamp, updated_at timestamp
            task_transitions: task_transition_uuid uuid, task_uuid uuid, to_state varchar, from_state varchar, metadata jsonb, sort_key integer, most_recent boolean, created_at timestamp, updated_at timestamp, processor_uuid uuid, transition_metadata jsonb
            tasks: task_uuid uuid, named_task_uuid uuid, complete boolean, requested_at timestamp, completed_at timestamp, initiator varchar, source_system varchar, reason varchar, tags jsonb, context jsonb, identity_hash varchar, created_at timestamp, updated_at timestamp, priority integer, correlation_id uuid, parent_correlation_id uuid
            tasks_dlq: dlq_entry_uuid uuid, task_uuid uuid, original_state varchar, dlq_reason enum, dlq_timestamp timestamp, resolution_status enum, resolution_timestamp timestamp, resolution_notes text, resolved_by varchar, task_snapshot jsonb, metadata jsonb, created_at timestamp, updated_at timestamp
            workflow_step_result_audit: workflow_step_result_audit_uuid uuid, workflow_step_uuid uuid, workflow_step_transition_uuid uuid, task_uuid uuid, recorded_at timestamp, worker_uuid uuid, correlation_id uuid, success boolean, execution_time_ms bigint, created_at timestamp, updated_at timestamp
            workflow_step_transitions: workflow_step_transition_uuid uuid, workflow_step_uuid uuid, to_state varchar, from_state varchar, metadata jsonb, sort_key integer, most_recent boolean, created_at timestamp, updated_at timestamp
            annotation_types: annotation_type_uuid uuid, name varchar, description varchar, created_at timestamp, updated_at timestamp
            task_annotations: task_annotation_uuid uuid, task_uuid uuid, annotation_type_uuid uuid, annotation jsonb, created_at timestamp, updated_at timestamp
            dependent_systems: dependent_system_uuid uuid, name varchar, description varchar, created_at timestamp, updated_at timestamp
            dependent_system_object_maps: dependent_system_object_map_uuid uuid, dependent_system_one_uuid uuid, dependent_system_two_uuid uuid, remote_id_one varchar, remote_id_two varchar, created_at timestamp, updated_at timestamp
            """;

    /** Seed 000's foreign keys (without its bogus "-- FOREIGN KEY CONSTRAINTS" row) and the older tables' keys. */
    private static final List<SchemaCatalog.ForeignKey> EXPECTED_FOREIGN_KEYS = List.of(
            fk("named_tasks_named_steps", "named_step_uuid", "named_steps", "named_step_uuid"),
            fk("named_tasks_named_steps", "named_task_uuid", "named_tasks", "named_task_uuid"),
            fk("named_tasks", "task_namespace_uuid", "task_namespaces", "task_namespace_uuid"),
            fk("task_transitions", "task_uuid", "tasks", "task_uuid"),
            fk("tasks_dlq", "task_uuid", "tasks", "task_uuid"),
            fk("tasks", "named_task_uuid", "named_tasks", "named_task_uuid"),
            fk("workflow_step_edges", "from_step_uuid", "workflow_steps", "workflow_step_uuid"),
            fk("workflow_step_edges", "to_step_uuid", "workflow_steps", "workflow_step_uuid"),
            fk("workflow_step_result_audit", "workflow_step_transition_uuid", "workflow_step_transitions",
                    "workflow_step_transition_uuid"),
            fk("workflow_step_result_audit", "task_uuid", "tasks", "task_uuid"),
            fk("workflow_step_result_audit", "workflow_step_uuid", "workflow_steps", "workflow_step_uuid"),
            fk("workflow_step_transitions", "workflow_step_uuid", "workflow_steps", "workflow_step_uuid"),
            fk("workflow_steps", "named_step_uuid", "named_steps", "named_step_uuid"),
            fk("workflow_steps", "task_uuid", "tasks", "task_uuid"),
            fk("task_annotations", "task_uuid", "tasks", "task_uuid"),
            fk("task_annotations", "annotation_type_uuid", "annotation_types", "annotation_type_uuid"),
            fk("dependent_system_object_maps", "dependent_system_one_uuid", "dependent_systems",
                    "dependent_system_uuid"),
            fk("dependent_system_object_maps", "dependent_system_two_uuid", "dependent_systems",
                    "dependent_system_uuid"));

    private SchemaCatalog catalog;
    private Jdbc jdbc;

    @BeforeEach
    void readCatalog(DataSource dataSource) {
        catalog = SchemaCatalog.read(dataSource);
        jdbc = new Jdbc(dataSource);
    }

    @Test
    void every_seed_table_and_column_exists_with_its_type() {
        List<String> problems = new ArrayList<>();
        expectedColumns().forEach((table, columns) -> {
            var actual = catalog.table(table);
            if (actual.isEmpty()) {
                problems.add("missing table " + table);
                return;
            }
            columns.forEach((column, type) -> actual.get().column(column).ifPresentOrElse(c -> {
                String actualType = c.isEnum() ? "enum" : shortType(c.udtName());
                if (!actualType.equals(type)) {
                    problems.add(table + "." + column + " is " + actualType + ", seed says " + type);
                }
            }, () -> problems.add("missing column " + table + "." + column)));
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void every_seed_foreign_key_exists() {
        assertThat(catalog.foreignKeys()).containsAll(EXPECTED_FOREIGN_KEYS);
    }

    @Test
    void every_primary_key_is_a_uuid_that_defaults_to_uuid_v7() {
        List<String> defaults = jdbc.query("""
                SELECT c.table_name || '.' || c.column_name || ' ' || c.data_type || ' ' || coalesce(c.column_default, '')
                FROM information_schema.table_constraints tc
                JOIN information_schema.key_column_usage k
                  ON k.constraint_name = tc.constraint_name AND k.table_schema = tc.table_schema
                JOIN information_schema.columns c
                  ON c.table_schema = k.table_schema AND c.table_name = k.table_name AND c.column_name = k.column_name
                WHERE tc.table_schema = 'tasker' AND tc.constraint_type = 'PRIMARY KEY'
                  AND tc.table_name NOT IN ('flyway_schema_history', 'org_role_memberships', 'org_role_permissions',
                                            'user_disablements', 'parked_steps', 'cron_ticks',
                                            'delayed_tasks', 'task_webhooks', 'task_slots', 'rate_buckets',
                                            'task_waits')
                """, row -> row.getString(1));
        // Link tables (memberships, role permissions, disablements, parked steps, delayed tasks, task webhooks, task
        // slots, task waits) are keyed by what they link, cron ticks by their owner and instant, rate buckets by their key.
        assertThat(defaults).hasSize(23).allSatisfy(column ->
                assertThat(column).contains(" uuid tasker.uuid_generate_v7()"));
    }

    @Test
    void uuid_generate_v7_gives_time_ordered_version_7_uuids() {
        List<UUID> uuids = jdbc.query("SELECT tasker.uuid_generate_v7() FROM generate_series(1, 50)",
                row -> row.getObject(1, UUID.class));
        long nowMillis = System.currentTimeMillis();
        assertThat(uuids).allSatisfy(uuid -> {
            assertThat(uuid.version()).isEqualTo(7);
            assertThat(uuid.variant()).isEqualTo(2);
            long millis = uuid.getMostSignificantBits() >>> 16;
            assertThat(millis).isBetween(nowMillis - 60_000, nowMillis + 60_000);
        });
        assertThat(uuids).doesNotHaveDuplicates();
    }

    @Test
    void dlq_enums_have_the_reference_values() {
        Map<String, List<String>> enums = new LinkedHashMap<>();
        catalog.enums().forEach(e -> enums.put(e.name(), e.labels()));
        assertThat(enums).as("the reference's five, and permanent_failure of migration V1_1").containsEntry(
                "dlq_reason", List.of("staleness_timeout", "max_retries_exceeded", "permanent_failure",
                        "dependency_cycle_detected", "worker_unavailable", "manual_dlq"));
        assertThat(enums).containsEntry("dlq_resolution_status",
                List.of("pending", "manually_resolved", "permanently_failed", "cancelled"));
    }

    @Test
    void every_table_has_a_description() {
        assertThat(catalog.tables()).hasSize(33).allSatisfy(table ->
                assertThat(table.comment()).as(table.name()).isPresent());
    }

    @Test
    void only_one_transition_per_task_can_be_most_recent() {
        UUID task = insertTask();
        jdbc.update("INSERT INTO tasker.task_transitions (task_uuid, to_state, sort_key, most_recent)"
                + " VALUES (?, 'pending', 1, true)", task);
        assertThatThrownBy(() -> jdbc.update("INSERT INTO tasker.task_transitions (task_uuid, to_state, sort_key,"
                + " most_recent) VALUES (?, 'initializing', 2, true)", task))
                .isInstanceOfSatisfying(DataAccessException.class, e ->
                        assertThat(e.isUniqueViolation("task_transitions_most_recent_idx")).isTrue());
        jdbc.update("INSERT INTO tasker.task_transitions (task_uuid, to_state, sort_key, most_recent)"
                + " VALUES (?, 'initializing', 2, false)", task);
    }

    @Test
    void state_names_are_checked() {
        UUID task = insertTask();
        assertThatThrownBy(() -> jdbc.update("INSERT INTO tasker.task_transitions (task_uuid, to_state, sort_key)"
                + " VALUES (?, 'finished', 1)", task))
                .isInstanceOfSatisfying(DataAccessException.class, e ->
                        assertThat(e.constraint()).contains("task_transitions_to_state"));
    }

    @Test
    void an_edge_between_two_steps_exists_once() {
        UUID task = insertTask();
        UUID a = insertStep(task, "a");
        UUID b = insertStep(task, "b");
        jdbc.update("INSERT INTO tasker.workflow_step_edges (from_step_uuid, to_step_uuid) VALUES (?, ?)", a, b);
        assertThatThrownBy(() -> jdbc.update(
                "INSERT INTO tasker.workflow_step_edges (from_step_uuid, to_step_uuid) VALUES (?, ?)", a, b))
                .isInstanceOfSatisfying(DataAccessException.class, e ->
                        assertThat(e.isUniqueViolation("workflow_step_edges_from_to_key")).isTrue());
    }

    @Test
    void a_task_has_at_most_one_pending_dlq_entry() {
        UUID task = insertTask();
        String insert = "INSERT INTO tasker.tasks_dlq (task_uuid, original_state, dlq_reason, resolution_status)"
                + " VALUES (?, 'error', 'max_retries_exceeded', ?::tasker.dlq_resolution_status)";
        jdbc.update(insert, task, "pending");
        jdbc.update(insert, task, "manually_resolved");
        assertThatThrownBy(() -> jdbc.update(insert, task, "pending"))
                .isInstanceOfSatisfying(DataAccessException.class, e ->
                        assertThat(e.isUniqueViolation("tasks_dlq_one_pending_per_task_idx")).isTrue());
    }

    @Test
    void namespace_names_are_checked_by_the_database_too() {
        assertThatThrownBy(() -> jdbc.update("INSERT INTO tasker.task_namespaces (name) VALUES (?)", "Bad-Name"))
                .isInstanceOfSatisfying(DataAccessException.class, e ->
                        assertThat(e.constraint()).contains("task_namespaces_name_format"));
    }

    private UUID insertTask() {
        UUID namespace = jdbc.queryOne("INSERT INTO tasker.task_namespaces (name) VALUES ('schema_test')"
                + " RETURNING task_namespace_uuid", row -> row.getObject(1, UUID.class)).orElseThrow();
        UUID namedTask = jdbc.queryOne("INSERT INTO tasker.named_tasks (task_namespace_uuid, name) VALUES (?, 't')"
                + " RETURNING named_task_uuid", row -> row.getObject(1, UUID.class), namespace).orElseThrow();
        return jdbc.queryOne("INSERT INTO tasker.tasks (named_task_uuid, identity_hash) VALUES (?, 'h')"
                + " RETURNING task_uuid", row -> row.getObject(1, UUID.class), namedTask).orElseThrow();
    }

    private UUID insertStep(UUID task, String name) {
        UUID namedStep = jdbc.queryOne("INSERT INTO tasker.named_steps (name) VALUES (?) RETURNING named_step_uuid",
                row -> row.getObject(1, UUID.class), name).orElseThrow();
        return jdbc.queryOne("INSERT INTO tasker.workflow_steps (task_uuid, named_step_uuid, namespace_name)"
                        + " VALUES (?, ?, 'schema_test') RETURNING workflow_step_uuid",
                row -> row.getObject(1, UUID.class), task, namedStep).orElseThrow();
    }

    private static Map<String, Map<String, String>> expectedColumns() {
        Map<String, Map<String, String>> tables = new LinkedHashMap<>();
        EXPECTED.lines().forEach(line -> {
            String[] tableAndColumns = line.split(": ", 2);
            Map<String, String> columns = new LinkedHashMap<>();
            for (String column : tableAndColumns[1].split(", ")) {
                String[] nameAndType = column.split(" ");
                columns.put(nameAndType[0], nameAndType[1]);
            }
            tables.put(tableAndColumns[0], columns);
        });
        return tables;
    }

    private static String shortType(String udtName) {
        return switch (udtName) {
            case "int4" -> "integer";
            case "int8" -> "bigint";
            case "bool" -> "boolean";
            default -> udtName;
        };
    }

    private static SchemaCatalog.ForeignKey fk(String source, String column, String target, String targetColumn) {
        return new SchemaCatalog.ForeignKey(source, column, target, targetColumn);
    }
}
