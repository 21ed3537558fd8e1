package io.tasker.template;

import io.tasker.store.jdbc.SqlArray;
import io.tasker.store.jdbc.Tx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Template rows: namespaces, named tasks (one per version), named steps, their join table and dependent systems. */
public final class TemplateStore {

    /** A stored template version: its id and the configuration JSON it was registered with. */
    public record StoredTemplate(UUID namedTaskUuid, TemplateKey key, JsonNode configuration,
                                 Map<String, UUID> namedStepUuids) {
    }

    /** Outcome of {@link #insert}: the stored row, and whether this call created it. */
    public record Insertion(StoredTemplate stored, boolean created) {
    }

    private static final String UPSERT_NAMESPACE = """
            INSERT INTO tasker.task_namespaces (name, created_at, updated_at)
            VALUES (?, ?, ?)
            ON CONFLICT (name) DO UPDATE SET name = excluded.name
            RETURNING task_namespace_uuid
            """;

    private static final String INSERT_NAMED_TASK = """
            INSERT INTO tasker.named_tasks
                (task_namespace_uuid, name, description, version, configuration, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (task_namespace_uuid, name, version) DO NOTHING
            RETURNING named_task_uuid
            """;

    private static final String UPSERT_NAMED_STEPS = """
            INSERT INTO tasker.named_steps (name, description, created_at, updated_at)
            SELECT s.name, s.description, ?, ? FROM unnest(?::text[], ?::text[]) AS s(name, description)
            ON CONFLICT (name) DO UPDATE SET name = excluded.name
            RETURNING named_step_uuid, name
            """;

    private static final String ENSURE_NAMED_STEPS = """
            WITH wanted(name) AS (SELECT unnest(?::text[])),
            inserted AS (
                INSERT INTO tasker.named_steps (name, created_at, updated_at)
                SELECT name, ?, ? FROM wanted
                ON CONFLICT (name) DO NOTHING
                RETURNING named_step_uuid, name
            )
            SELECT named_step_uuid, name FROM inserted
            UNION ALL
            SELECT s.named_step_uuid, s.name FROM tasker.named_steps s JOIN wanted w ON w.name = s.name
            """;

    private static final String NAMED_STEP_IDS = """
            SELECT named_step_uuid, name FROM tasker.named_steps WHERE name = ANY (?::text[])
            """;

    private static final String INSERT_TEMPLATE_STEPS = """
            INSERT INTO tasker.named_tasks_named_steps
                (named_task_uuid, named_step_uuid, default_retryable, default_max_attempts, created_at, updated_at)
            SELECT ?, s.named_step_uuid, s.retryable, s.max_attempts, ?, ?
            FROM unnest(?::uuid[], ?::bool[], ?::int[]) AS s(named_step_uuid, retryable, max_attempts)
            ON CONFLICT (named_task_uuid, named_step_uuid) DO NOTHING
            """;

    private static final String UPSERT_SYSTEMS = """
            INSERT INTO tasker.dependent_systems (name, created_at, updated_at)
            SELECT name, ?, ? FROM unnest(?::text[]) AS s(name)
            ON CONFLICT (name) DO NOTHING
            """;

    private static final String FIND = """
            SELECT nt.named_task_uuid, ns.name AS namespace, nt.name, nt.version, nt.configuration
            FROM tasker.named_tasks nt
            JOIN tasker.task_namespaces ns ON ns.task_namespace_uuid = nt.task_namespace_uuid
            """;

    private static final String STEP_IDS = """
            SELECT s.name, s.named_step_uuid
            FROM tasker.named_tasks_named_steps ntns
            JOIN tasker.named_steps s ON s.named_step_uuid = ntns.named_step_uuid
            WHERE ntns.named_task_uuid = ?
            """;

    /**
     * Stores a template version unless that namespace/name/version exists already; in that case returns the existing
     * row (with {@code created=false}) so the caller can compare content.
     */
    public Insertion insert(Tx tx, TaskTemplate template, ObjectNode configuration, Instant now) {
        UUID namespace = tx.queryOne(UPSERT_NAMESPACE, row -> row.getObject(1, UUID.class),
                template.namespace(), now, now).orElseThrow();
        Optional<UUID> created = tx.queryOne(INSERT_NAMED_TASK, row -> row.getObject(1, UUID.class),
                namespace, template.name(), template.description().orElse(null), template.version(), configuration,
                now, now);
        if (created.isEmpty()) {
            return new Insertion(find(tx, template.key()).orElseThrow(), false);
        }
        Map<String, UUID> stepIds = upsertSteps(tx, template.steps(), now);
        List<StepTemplate> steps = template.steps();
        tx.update(INSERT_TEMPLATE_STEPS, created.get(), now, now,
                SqlArray.uuids(steps.stream().map(s -> stepIds.get(s.name())).toList()),
                SqlArray.booleans(steps.stream().map(s -> s.retry().retryable()).toList()),
                SqlArray.integers(steps.stream().map(s -> s.retry().maxAttempts()).toList()));
        Set<String> systems = new LinkedHashSet<>();
        systems.add(template.systemDependencies().primary());
        systems.addAll(template.systemDependencies().secondary());
        steps.forEach(s -> s.systemDependency().ifPresent(systems::add));
        tx.update(UPSERT_SYSTEMS, now, now, SqlArray.texts(systems));
        return new Insertion(new StoredTemplate(created.get(), template.key(), configuration, stepIds), true);
    }

    /**
     * Ensures named_steps rows exist for these names (batch worker instances); returns their ids by name. Existing
     * rows are only read, not locked, so tasks creating the same worker names do not wait for each other.
     */
    public Map<String, UUID> ensureStepNames(Tx tx, Collection<String> names, Instant now) {
        Map<String, UUID> ids = new LinkedHashMap<>();
        if (names.isEmpty()) {
            return ids;
        }
        List<String> sorted = new java.util.TreeSet<>(names).stream().toList();
        tx.query(ENSURE_NAMED_STEPS, row -> ids.put(row.getString(2), row.getObject(1, UUID.class)),
                SqlArray.texts(sorted), now, now);
        if (ids.size() < sorted.size()) {
            // Rows another transaction committed after this statement's snapshot: visible to a new statement.
            tx.query(NAMED_STEP_IDS, row -> ids.put(row.getString(2), row.getObject(1, UUID.class)),
                    SqlArray.texts(sorted));
        }
        return ids;
    }

    public Optional<StoredTemplate> find(Tx tx, TemplateKey key) {
        return tx.queryOne(FIND + " WHERE ns.name = ? AND nt.name = ? AND nt.version = ?",
                row -> row.getObject(1, UUID.class), key.namespace(), key.name(), key.version())
                .flatMap(uuid -> find(tx, uuid));
    }

    public Optional<StoredTemplate> find(Tx tx, UUID namedTaskUuid) {
        return tx.queryOne(FIND + " WHERE nt.named_task_uuid = ?", row -> new StoredTemplate(
                row.getObject(1, UUID.class),
                new TemplateKey(row.getString(2), row.getString(3), row.getString(4)),
                io.tasker.json.Json.parse(row.getString(5)),
                Map.of()), namedTaskUuid)
                .map(stored -> new StoredTemplate(stored.namedTaskUuid(), stored.key(), stored.configuration(),
                        stepIds(tx, stored.namedTaskUuid())));
    }

    /** Versions registered for namespace/name. */
    public List<String> versions(Tx tx, String namespace, String name) {
        return tx.query("""
                SELECT nt.version FROM tasker.named_tasks nt
                JOIN tasker.task_namespaces ns ON ns.task_namespace_uuid = nt.task_namespace_uuid
                WHERE ns.name = ? AND nt.name = ?
                """, row -> row.getString(1), namespace, name);
    }

    /** Every registered template version (namespace, name, version), for listings. */
    public List<StoredTemplate> all(Tx tx) {
        return tx.query(FIND + " ORDER BY ns.name, nt.name, nt.version", row -> new StoredTemplate(
                row.getObject(1, UUID.class),
                new TemplateKey(row.getString(2), row.getString(3), row.getString(4)),
                io.tasker.json.Json.parse(row.getString(5)), Map.of()));
    }

    private Map<String, UUID> stepIds(Tx tx, UUID namedTaskUuid) {
        Map<String, UUID> ids = new LinkedHashMap<>();
        tx.query(STEP_IDS, row -> ids.put(row.getString(1), row.getObject(2, UUID.class)), namedTaskUuid);
        return ids;
    }

    private Map<String, UUID> upsertSteps(Tx tx, List<StepTemplate> steps, Instant now) {
        return upsert(tx, steps.stream().map(StepTemplate::name).toList(),
                steps.stream().map(s -> s.description().orElse(null)).toList(), now);
    }

    private Map<String, UUID> upsert(Tx tx, List<String> names, List<String> descriptions, Instant now) {
        Map<String, UUID> ids = new LinkedHashMap<>();
        if (names.isEmpty()) {
            return ids;
        }
        // Sorted and distinct: concurrent registrations then lock the same rows in the same order.
        Map<String, String> sorted = new java.util.TreeMap<>();
        for (int i = 0; i < names.size(); i++) {
            sorted.putIfAbsent(names.get(i), descriptions.get(i));
        }
        tx.query(UPSERT_NAMED_STEPS, row -> ids.put(row.getString(2), row.getObject(1, UUID.class)),
                now, now, SqlArray.texts(List.copyOf(sorted.keySet())),
                SqlArray.texts(new ArrayList<>(sorted.values())));
        return ids;
    }
}
