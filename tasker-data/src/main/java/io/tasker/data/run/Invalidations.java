package io.tasker.data.run;

import io.tasker.InvalidInputException;
import io.tasker.NotFoundException;
import io.tasker.data.DataRows;
import io.tasker.data.dataset.DatasetVersions;
import io.tasker.data.dataset.VersionRef;
import io.tasker.data.deploy.JobRow;
import io.tasker.json.Json;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.store.jdbc.Tx;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Invalidations of a dataset's partition (or rows of it) that cascade: the partition is re-materialised by its
 * producer first; the runs this starts in the jobs that read it carry the invalidation, each records its job in
 * {@code processed_by} as it completes ({@code processed_at} once every direct dependent has), and a dependent that
 * rewrites its output ({@code replace}) emits the next invalidation downstream, so a correction flows to the end of
 * the DAG. A {@code row_range} filter narrows what {@code append} dependents re-read (a {@code replace} dependent
 * rewrites the whole partition, or it would drop the other rows).
 */
public final class Invalidations {

    public static final Set<String> SCOPES = Set.of("partition", "row_range");
    public static final Set<String> REASONS = Set.of("correction", "reorg", "schema_change", "manual");
    private static final Pattern COLUMN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    /** What to invalidate; {@code rowFilter} is {@code {column, from, to}} (inclusive, either end optional). */
    public record Request(String scope, String partitionKey, Optional<JsonNode> rowFilter, String reason) {
    }

    private final Jdbc jdbc;
    private final TaskFactory tasks;
    private final Clock clock;

    public Invalidations(Jdbc jdbc, TaskFactory tasks, Clock clock) {
        this.jdbc = jdbc;
        this.tasks = tasks;
        this.clock = clock;
    }

    /** Records the invalidation and starts the re-materialisation of the partition, in one transaction. */
    public UUID create(UUID org, String dataset, Request request) {
        check(request);
        Instant now = clock.instant();
        return jdbc.inTransaction(tx -> {
            VersionRef current = DatasetVersions.current(tx, org, dataset)
                    .orElseThrow(() -> new NotFoundException("dataset '" + dataset + "' not found"));
            JobRow producer = tx.queryOne("SELECT " + JobRow.COLUMNS + """
                     FROM tasker_data.jobs j
                    JOIN tasker_data.datasets d ON d.org_id = j.org_id AND d.producer_job_name = j.name
                    JOIN tasker_data.dag_current_versions c ON c.dag_version_id = j.dag_version_id
                                                          AND c.dag_name = d.producer_dag_name
                    WHERE d.org_id = ? AND d.name = ?
                    """, JobRow::read, org, dataset).orElseThrow(() ->
                    new NotFoundException("dataset '" + dataset + "' has no producer in an active DAG version"));
            if (!producer.partitions().contains(request.partitionKey())) {
                throw new InvalidInputException("partition_key: '" + request.partitionKey() + "' is not a partition"
                        + " of dataset '" + dataset + "'");
            }
            UUID id = insert(tx, org, current, request.partitionKey(), request, Optional.empty(), now);
            ObjectNode trigger = Json.object().put("trigger", "invalidation").put("rematerialise", id.toString());
            RunStarter.start(tx, tasks, List.of(NewRun.of(producer, List.of(request.partitionKey()), trigger)), now);
            return id;
        });
    }

    /** An invalidation's row, with the direct dependents it waits for in {@code source_event.dependents}. */
    static UUID insert(Tx tx, UUID org, VersionRef dataset, String partition, Request request,
                       Optional<ObjectNode> parent, Instant now) {
        ObjectNode event = parent.orElseGet(() -> Json.object().put("origin", "request"));
        var dependents = event.putArray("dependents");
        Triggers.readers(tx, org, dataset.dataset(), dataset.versionId())
                .forEach(job -> dependents.add(job.id().toString()));
        return tx.queryOne("""
                INSERT INTO tasker_data.data_invalidations
                    (dataset_uuid, dataset_version, scope, partition_key, row_filter, reason, source_event, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
                """, row -> row.getObject(1, UUID.class), dataset.datasetId(), dataset.versionId(), request.scope(),
                partition, request.rowFilter().orElse(null), request.reason(), event, DataRows.tz(now)).orElseThrow();
    }

    private static void check(Request request) {
        if (!SCOPES.contains(request.scope())) {
            throw new InvalidInputException("scope: must be partition or row_range");
        }
        if (!REASONS.contains(request.reason())) {
            throw new InvalidInputException("reason: must be correction, reorg, schema_change or manual");
        }
        if (request.partitionKey() == null || request.partitionKey().isBlank()) {
            throw new InvalidInputException("partition_key: is required");
        }
        if (request.scope().equals("row_range") != request.rowFilter().isPresent()) {
            throw new InvalidInputException("row_filter: is required with scope row_range, and only with it");
        }
        request.rowFilter().ifPresent(filter -> {
            boolean valid = filter.isObject() && COLUMN.matcher(filter.path("column").asString("")).matches()
                    && (filter.has("from") || filter.has("to"))
                    && filter.properties().stream().allMatch(e -> Set.of("column", "from", "to").contains(e.getKey())
                    && e.getValue().isValueNode() && !e.getValue().isNull());
            if (!valid) {
                throw new InvalidInputException("row_filter: must be {column, from, to} (either end may be left out)");
            }
        });
    }

    /** The row filter as DuckDB SQL: {@code "column" >= 'from' AND "column" <= 'to'} (values quoted as literals). */
    public static Optional<String> rowFilterSql(JsonNode filter) {
        if (filter == null || !filter.isObject()) {
            return Optional.empty();
        }
        String column = io.tasker.data.storage.DuckSandbox.identifier(filter.path("column").asString());
        StringBuilder sql = new StringBuilder();
        if (filter.has("from")) {
            sql.append(column).append(" >= ").append(io.tasker.data.storage.DuckSandbox.literal(
                    filter.get("from").asString()));
        }
        if (filter.has("to")) {
            sql.append(sql.isEmpty() ? "" : " AND ").append(column).append(" <= ")
                    .append(io.tasker.data.storage.DuckSandbox.literal(filter.get("to").asString()));
        }
        return Optional.of(sql.toString());
    }
}
