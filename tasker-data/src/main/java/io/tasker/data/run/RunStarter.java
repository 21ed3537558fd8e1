package io.tasker.data.run;

import io.tasker.data.DataRows;
import io.tasker.data.deploy.JobRow;
import io.tasker.data.deploy.JobTemplates;
import io.tasker.json.Json;
import io.tasker.store.jdbc.SqlArray;
import io.tasker.store.jdbc.Tx;
import io.tasker.task.TaskRequest;
import io.tasker.template.TemplateKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Starts runs in the caller's transaction: each run's row and the workflow task that executes it (same id) are
 * committed together, so a run exists exactly when its task does. Runs beyond a backfill's concurrency limit are
 * written as {@code waiting}, without a task; {@link #promote} starts them as others finish.
 */
public final class RunStarter {

    public static final String SOURCE_SYSTEM = "tasker-data";

    private static final String INSERT = """
            INSERT INTO tasker_data.tasks (id, org_id, job_id, status, partitions, input_versions, created_at)
            SELECT r.id, ?, r.job_id, r.status, r.partitions::text[], r.trigger::jsonb, ?
            FROM unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[]) AS r(id, job_id, status, partitions, trigger)
            """;

    private static final String WAITING_OF_BACKFILL = """
            SELECT t.id AS run_id, t.partitions AS run_partitions, t.input_versions AS run_trigger, %s
            FROM tasker_data.backfill_tasks b
            JOIN tasker_data.tasks t ON t.id = b.task_id
            JOIN tasker_data.jobs j ON j.id = t.job_id
            WHERE b.backfill_id = ? AND t.status = 'waiting'
            ORDER BY t.created_at, t.id
            LIMIT ?
            """.formatted(JobRow.COLUMNS);

    private static final String UNFINISHED_OF_SLOT = """
            SELECT 1 FROM tasker_data.tasks WHERE job_id = ? AND partitions = ?::text[]
              AND status IN ('waiting', 'queued', 'running', 'retrying') LIMIT 1
            """;

    private static final String NEXT_OF_SLOT = """
            SELECT DISTINCT ON (w.job_id, w.partitions) w.id AS run_id, w.partitions AS run_partitions,
                   w.input_versions AS run_trigger, %s
            FROM tasker_data.tasks f
            JOIN tasker_data.tasks w ON w.job_id = f.job_id AND w.partitions = f.partitions AND w.status = 'waiting'
            JOIN tasker_data.jobs j ON j.id = w.job_id
            WHERE f.id = ANY (?::uuid[])
              AND NOT EXISTS (SELECT 1 FROM tasker_data.backfill_tasks b WHERE b.task_id = w.id)
              AND NOT EXISTS (SELECT 1 FROM tasker_data.tasks a WHERE a.job_id = w.job_id
                              AND a.partitions = w.partitions AND a.status IN ('queued', 'running', 'retrying'))
            ORDER BY w.job_id, w.partitions, w.created_at, w.id
            """.formatted(JobRow.COLUMNS);

    private RunStarter() {
    }

    /**
     * Creates the runs with their workflow tasks. Runs of one job over the same partitions never overlap: a run
     * whose job already has an unfinished run for them waits ({@code waiting}, no task) and is started by
     * {@link #promoteSuccessors} when that one finishes, so two updates never write one partition at once (an
     * {@code append} would lose one of them).
     */
    public static void start(Tx tx, TaskFactory tasks, List<NewRun> runs, Instant now) {
        if (runs.isEmpty()) {
            return;
        }
        List<String> slots = runs.stream().map(RunStarter::slot).distinct().sorted().toList();
        slots.forEach(slot -> tx.query("SELECT pg_advisory_xact_lock(hashtext(?))", row -> null, slot));
        List<NewRun> queued = new ArrayList<>();
        List<NewRun> waiting = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (NewRun run : runs) {
            boolean busy = !taken.add(slot(run)) || tx.queryOne(UNFINISHED_OF_SLOT, row -> true, run.job().id(),
                    arrayLiteral(run.partitions())).isPresent();
            (busy ? waiting : queued).add(run);
        }
        insert(tx, queued, RunStatus.QUEUED, now);
        insert(tx, waiting, RunStatus.WAITING, now);
        if (!queued.isEmpty()) {
            tasks.create(tx, requests(queued));
        }
    }

    /** Starts, for each finished run, the next run of its job waiting for the same partitions (not a backfill's). */
    public static int promoteSuccessors(Tx tx, TaskFactory tasks, List<UUID> finishedRuns) {
        if (finishedRuns.isEmpty()) {
            return 0;
        }
        List<NewRun> next = tx.query(NEXT_OF_SLOT, row -> new NewRun(row.getObject("run_id", UUID.class),
                JobRow.read(row), DataRows.texts(row, "run_partitions"), DataRows.json(row, "run_trigger")),
                SqlArray.uuids(finishedRuns));
        if (next.isEmpty()) {
            return 0;
        }
        tx.update("UPDATE tasker_data.tasks SET status = 'queued' WHERE id = ANY (?::uuid[])",
                SqlArray.uuids(next.stream().map(NewRun::id).toList()));
        tasks.create(tx, requests(next));
        return next.size();
    }

    private static String slot(NewRun run) {
        return "tasker_data.run:" + run.job().id() + ":" + String.join(",", run.partitions());
    }

    /** Creates a backfill's runs: {@code maxConcurrency} queued, the rest waiting. */
    public static UUID startBackfill(Tx tx, TaskFactory tasks, JobRow job, List<NewRun> runs, String mode,
                                     int maxConcurrency, Optional<UUID> actor, Instant now) {
        UUID backfill = tx.queryOne("""
                INSERT INTO tasker_data.backfills (org_id, job_id, mode, max_concurrency, created_by, created_at)
                VALUES (?, ?, ?, ?, ?, ?) RETURNING id
                """, row -> row.getObject(1, UUID.class), job.orgId(), job.id(), mode, maxConcurrency,
                actor.orElse(null), DataRows.tz(now)).orElseThrow();
        List<NewRun> first = runs.subList(0, Math.min(maxConcurrency, runs.size()));
        List<NewRun> rest = runs.subList(first.size(), runs.size());
        insert(tx, first, RunStatus.QUEUED, now);
        insert(tx, rest, RunStatus.WAITING, now);
        tx.update("INSERT INTO tasker_data.backfill_tasks (backfill_id, task_id) SELECT ?, unnest(?::uuid[])",
                backfill, SqlArray.uuids(runs.stream().map(NewRun::id).toList()));
        tasks.create(tx, requests(first));
        return backfill;
    }

    /**
     * Starts waiting runs of the backfills whose runs just finished, as far as their limits allow. The backfill rows
     * are locked, so two transactions finishing runs of one backfill never start more than the limit.
     */
    public static int promote(Tx tx, TaskFactory tasks, List<UUID> finishedRuns) {
        if (finishedRuns.isEmpty()) {
            return 0;
        }
        List<UUID> backfills = tx.query("""
                SELECT b.id FROM tasker_data.backfills b
                WHERE b.id IN (SELECT backfill_id FROM tasker_data.backfill_tasks WHERE task_id = ANY (?::uuid[]))
                ORDER BY b.id
                FOR UPDATE
                """, row -> row.getObject(1, UUID.class), SqlArray.uuids(finishedRuns));
        int started = 0;
        for (UUID backfill : backfills) {
            int free = tx.queryOne("""
                    SELECT b.max_concurrency - (SELECT count(*) FROM tasker_data.backfill_tasks bt
                                                JOIN tasker_data.tasks t ON t.id = bt.task_id
                                                WHERE bt.backfill_id = b.id
                                                  AND t.status IN ('queued', 'running', 'retrying'))
                    FROM tasker_data.backfills b WHERE b.id = ?
                    """, row -> row.getInt(1), backfill).orElse(0);
            if (free <= 0) {
                continue;
            }
            List<NewRun> next = tx.query(WAITING_OF_BACKFILL, row -> new NewRun(row.getObject("run_id", UUID.class),
                    JobRow.read(row), DataRows.texts(row, "run_partitions"), DataRows.json(row, "run_trigger")),
                    backfill, free);
            if (!next.isEmpty()) {
                tx.update("UPDATE tasker_data.tasks SET status = 'queued' WHERE id = ANY (?::uuid[])",
                        SqlArray.uuids(next.stream().map(NewRun::id).toList()));
                tasks.create(tx, requests(next));
                started += next.size();
            }
        }
        return started;
    }

    private static void insert(Tx tx, List<NewRun> runs, RunStatus status, Instant now) {
        if (runs.isEmpty()) {
            return;
        }
        List<String> partitions = runs.stream().map(r -> arrayLiteral(r.partitions())).toList();
        tx.update(INSERT, runs.get(0).job().orgId(), DataRows.tz(now),
                SqlArray.uuids(runs.stream().map(NewRun::id).toList()),
                SqlArray.uuids(runs.stream().map(r -> r.job().id()).toList()),
                SqlArray.texts(runs.stream().map(r -> status.dbValue()).toList()),
                SqlArray.texts(partitions),
                SqlArray.texts(runs.stream().map(r -> Json.write(r.trigger())).toList()));
    }

    /** A text[] literal, e.g. {"2026-11-01","2026-11-02"}: one array per row cannot go through unnest. */
    static String arrayLiteral(List<String> values) {
        StringBuilder text = new StringBuilder("{");
        for (int i = 0; i < values.size(); i++) {
            text.append(i == 0 ? "" : ",").append('"')
                    .append(values.get(i).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return text.append('}').toString();
    }

    private static List<TaskRequest> requests(List<NewRun> runs) {
        List<TaskRequest> requests = new ArrayList<>();
        for (NewRun run : runs) {
            TemplateKey key = JobTemplates.key(run.job().orgId(), JobTemplates.Shape.of(run.job()));
            ObjectNode context = Json.object();
            context.put("run_id", run.id().toString());
            context.put("dag", run.job().dagName());
            context.put("job", run.job().name());
            ArrayNode keys = context.putArray("partitions");
            run.partitions().forEach(keys::add);
            requests.add(TaskRequest.of(key.namespace(), key.name()).version(key.version()).taskUuid(run.id())
                    .context(context).initiator(SOURCE_SYSTEM).sourceSystem(SOURCE_SYSTEM)
                    .reason("data job " + run.job().dagName() + "." + run.job().name()).build());
        }
        return requests;
    }
}
