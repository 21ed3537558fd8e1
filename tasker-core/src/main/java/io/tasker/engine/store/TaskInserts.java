package io.tasker.engine.store;

import io.tasker.json.Json;
import io.tasker.store.jdbc.RowMapper;
import io.tasker.store.jdbc.SqlArray;
import io.tasker.store.jdbc.Tx;
import io.tasker.store.rows.RecordRowMapper;
import io.tasker.store.rows.TaskRow;
import io.tasker.task.TaskRequest;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.node.ArrayNode;

/**
 * Column arrays for inserting many task rows with one statement; a task whose identity exists already is left out
 * (the unique identity hash decides), and {@link #existing} finds the task that holds it.
 */
public final class TaskInserts {

    private static final String INSERT_TASKS = """
            INSERT INTO tasker.tasks
                (task_uuid, named_task_uuid, complete, requested_at, initiator, source_system, reason, tags, context,
                 identity_hash, created_at, updated_at, priority, correlation_id, parent_correlation_id)
            SELECT r.task_uuid, r.named_task_uuid, false, ?, r.initiator, r.source_system, r.reason, r.tags::jsonb,
                   r.context::jsonb, r.identity_hash, ?, ?, r.priority, r.correlation_id, r.parent_correlation_id
            FROM unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                        ?::int[], ?::uuid[], ?::uuid[])
                AS r(task_uuid, named_task_uuid, initiator, source_system, reason, tags, context, identity_hash,
                     priority, correlation_id, parent_correlation_id)
            ON CONFLICT (identity_hash) DO NOTHING
            """;

    private static final String DELAY = """
            INSERT INTO tasker.delayed_tasks (task_uuid, run_at)
            SELECT * FROM unnest(?::uuid[], ?::timestamp[])
            """;

    private static final String WEBHOOKS = """
            INSERT INTO tasker.task_webhooks (task_uuid, url) SELECT * FROM unnest(?::uuid[], ?::text[])
            """;

    private static final String EXISTING_IDENTITIES = """
            SELECT identity_hash, task_uuid FROM tasker.tasks WHERE identity_hash = ANY (?::text[])
            """;

    private final List<UUID> uuids = new ArrayList<>();
    private final List<UUID> templates = new ArrayList<>();
    private final List<String> initiators = new ArrayList<>();
    private final List<String> sourceSystems = new ArrayList<>();
    private final List<String> reasons = new ArrayList<>();
    private final List<String> tags = new ArrayList<>();
    private final List<String> contexts = new ArrayList<>();
    private final List<String> identities = new ArrayList<>();
    private final List<Integer> priorities = new ArrayList<>();
    private final List<UUID> correlationIds = new ArrayList<>();
    private final List<UUID> parentCorrelationIds = new ArrayList<>();

    /** A task of template {@code namedTaskUuid} made from {@code request}. */
    public void task(UUID taskUuid, UUID namedTaskUuid, TaskRequest request, String identityHash,
                     UUID correlationId) {
        uuids.add(taskUuid);
        templates.add(namedTaskUuid);
        initiators.add(request.initiator());
        sourceSystems.add(request.sourceSystem());
        reasons.add(request.reason());
        ArrayNode tagArray = Json.MAPPER.createArrayNode();
        request.tags().forEach(tagArray::add);
        tags.add(Json.write(tagArray));
        contexts.add(Json.write(request.context()));
        identities.add(identityHash);
        priorities.add(request.priority());
        correlationIds.add(correlationId);
        parentCorrelationIds.add(request.parentCorrelationId().orElse(null));
    }

    /** Inserts the tasks; returns those inserted (not those whose identity existed). */
    public Set<UUID> insert(Tx tx, Instant now) {
        return new HashSet<>(run(tx, now, INSERT_TASKS + "RETURNING task_uuid", row -> row.getObject(1, UUID.class)));
    }

    /** Inserts the tasks; returns the rows inserted, as stored (defaults and rounding included), by task. */
    public Map<UUID, TaskRow> insertReturningRows(Tx tx, Instant now) {
        Map<UUID, TaskRow> rows = new LinkedHashMap<>();
        run(tx, now, INSERT_TASKS + "RETURNING *", RecordRowMapper.of(TaskRow.class))
                .forEach(row -> rows.put(row.taskUuid(), row));
        return rows;
    }

    private <T> List<T> run(Tx tx, Instant now, String sql, RowMapper<T> mapper) {
        if (uuids.isEmpty()) {
            return List.of();
        }
        return tx.query(sql, mapper, now, now, now,
                SqlArray.uuids(uuids), SqlArray.uuids(templates), SqlArray.texts(initiators),
                SqlArray.texts(sourceSystems), SqlArray.texts(reasons), SqlArray.jsonTexts(tags),
                SqlArray.jsonTexts(contexts), SqlArray.texts(identities), SqlArray.integers(priorities),
                SqlArray.uuids(correlationIds), SqlArray.uuids(parentCorrelationIds));
    }

    /** The tasks that hold these identities, by identity hash. */
    public static Map<String, UUID> existing(Tx tx, Collection<String> identityHashes) {
        Map<String, UUID> existing = new LinkedHashMap<>();
        if (!identityHashes.isEmpty()) {
            tx.query(EXISTING_IDENTITIES, row -> existing.put(row.getString(1), row.getObject(2, UUID.class)),
                    SqlArray.texts(identityHashes));
        }
        return existing;
    }

    /** The inserted tasks' own completion webhooks, and the start times of those that start later. */
    public static void webhooksAndDelays(Tx tx, Map<UUID, String> webhooks, Map<UUID, Instant> delayed) {
        if (!webhooks.isEmpty()) {
            tx.update(WEBHOOKS, SqlArray.uuids(webhooks.keySet()), SqlArray.texts(webhooks.values()));
        }
        if (!delayed.isEmpty()) {
            tx.update(DELAY, SqlArray.uuids(delayed.keySet()), SqlArray.timestamps(delayed.values().stream()
                    .map(at -> LocalDateTime.ofInstant(at, ZoneOffset.UTC)).toList()));
        }
    }
}
