package io.tasker.identity;

import io.tasker.store.jdbc.Jdbc;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Which org owns what. Template namespaces belong to an org and their names are unique across orgs, so the
 * engine's template key (namespace, name, version) stays as it is; tasks, steps and dead letter entries belong to
 * the org of their template's namespace.
 */
public final class Tenancy {

    private final Jdbc jdbc;

    Tenancy(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** The owner of a namespace, if the namespace exists. */
    public Optional<UUID> orgOfNamespace(String namespace) {
        return jdbc.queryOne("SELECT org_id FROM tasker.task_namespaces WHERE name = ?",
                row -> row.getObject(1, UUID.class), namespace);
    }

    /** The org of a task (through its template's namespace), if the task exists. */
    public Optional<UUID> orgOfTask(UUID taskUuid) {
        return jdbc.queryOne("""
                SELECT ns.org_id FROM tasker.tasks t
                JOIN tasker.named_tasks nt ON nt.named_task_uuid = t.named_task_uuid
                JOIN tasker.task_namespaces ns ON ns.task_namespace_uuid = nt.task_namespace_uuid
                WHERE t.task_uuid = ?
                """, row -> row.getObject(1, UUID.class), taskUuid);
    }

    /** The org of a step (through its namespace), if the step exists. */
    public Optional<UUID> orgOfStep(UUID stepUuid) {
        return jdbc.queryOne("""
                SELECT ns.org_id FROM tasker.workflow_steps s
                JOIN tasker.task_namespaces ns ON ns.name = s.namespace_name
                WHERE s.workflow_step_uuid = ?
                """, row -> row.getObject(1, UUID.class), stepUuid);
    }

    /** The org of a dead letter entry (through its task), if the entry exists. */
    public Optional<UUID> orgOfDlqEntry(UUID entryUuid) {
        return jdbc.queryOne("SELECT task_uuid FROM tasker.tasks_dlq WHERE dlq_entry_uuid = ?",
                row -> row.getObject(1, UUID.class), entryUuid).flatMap(this::orgOfTask);
    }

    /** The names of the org's namespaces. */
    public Set<String> namespacesOf(UUID orgId) {
        return new TreeSet<>(jdbc.query("SELECT name FROM tasker.task_namespaces WHERE org_id = ?",
                row -> row.getString(1), orgId));
    }

    /**
     * Makes the namespace the org's if nobody has it yet; true when the org owns it afterwards, false when another
     * org does (its name is taken).
     */
    public boolean claimNamespace(UUID orgId, String namespace) {
        jdbc.update("""
                INSERT INTO tasker.task_namespaces (name, org_id, created_at, updated_at)
                VALUES (?, ?, timezone('utc', now()), timezone('utc', now()))
                ON CONFLICT (name) DO NOTHING
                """, namespace, orgId);
        return orgOfNamespace(namespace).map(orgId::equals).orElse(false);
    }
}
