package io.tasker.data.run;

import io.tasker.InvalidInputException;
import io.tasker.NotFoundException;
import io.tasker.Page;
import io.tasker.data.dag.PartitionSpec;
import io.tasker.data.dataset.DatasetVersions;
import io.tasker.data.dataset.VersionRef;
import io.tasker.data.deploy.JobRow;
import io.tasker.json.Json;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.store.jdbc.SqlArray;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Manual runs and backfills of a job, and the runs of a job. */
public final class Runs {

    /** What a request started: its backfill, the runs (the first ones queued, the rest waiting), what was skipped. */
    public record Started(UUID backfillId, List<RunView> runs, int skipped) {
    }

    private final Jdbc jdbc;
    private final TaskFactory tasks;
    private final Clock clock;

    public Runs(Jdbc jdbc, TaskFactory tasks, Clock clock) {
        this.jdbc = jdbc;
        this.tasks = tasks;
        this.clock = clock;
    }

    /** Starts one run per chosen partition of the job (of the DAG's current version). */
    public Started start(JobRow job, RunRequest request, Optional<UUID> actor) {
        Instant now = clock.instant();
        PartitionSpec spec = job.partitions();
        List<String> keys = request.from().isPresent()
                ? range(spec, request.from().get(), request.to().get(), now) : request.partitions();
        for (String key : keys) {
            if (!spec.contains(key)) {
                throw new InvalidInputException("partitions: '" + key + "' is not a partition of " + job.dagName()
                        + "." + job.name() + " (" + spec.toJson() + ")");
            }
        }
        if (keys.size() > RunRequest.MAX_PARTITIONS) {
            throw new InvalidInputException("partitions: at most " + RunRequest.MAX_PARTITIONS + " per request");
        }
        return jdbc.inTransaction(tx -> {
            Set<String> chosen = new HashSet<>(keys);
            if (!request.mode().equals("all")) {
                VersionRef output = DatasetVersions.outputs(tx, job).get(0);
                chosen.removeAll(request.mode().equals("missing")
                        ? materialized(tx, output) : notFailed(tx, job, keys));
            }
            List<NewRun> runs = new ArrayList<>();
            keys.stream().distinct().filter(chosen::contains).forEach(key -> runs.add(NewRun.of(job, List.of(key),
                    Json.object().put("trigger", "manual").put("mode", request.mode()))));
            if (runs.isEmpty()) {
                return new Started(null, List.of(), keys.size());
            }
            UUID backfill = RunStarter.startBackfill(tx, tasks, job, runs, request.mode(), request.maxConcurrency(),
                    actor, now);
            List<RunView> views = tx.query(RunView.SELECT + " WHERE t.id = ANY (?::uuid[]) ORDER BY t.created_at, t.id",
                    RunView::read, SqlArray.uuids(runs.stream().map(NewRun::id).toList()));
            return new Started(backfill, views, keys.size() - runs.size());
        });
    }

    /** The runs of a job of the DAG (every version), newest first. */
    public Page<RunView> list(UUID org, String dag, String job, Optional<String> status, int page, int perPage) {
        long total = jdbc.queryOne("SELECT count(*) FROM tasker_data.tasks t JOIN tasker_data.jobs j ON j.id = t.job_id"
                + " WHERE j.org_id = ? AND j.dag_name = ? AND j.name = ? AND (?::text IS NULL OR t.status = ?)",
                row -> row.getLong(1), org, dag, job, status.orElse(null), status.orElse(null)).orElse(0L);
        if (total == 0 && jdbc.queryOne("SELECT 1 FROM tasker_data.jobs WHERE org_id = ? AND dag_name = ? AND name = ?"
                + " LIMIT 1", row -> true, org, dag, job).isEmpty()) {
            throw new NotFoundException("DAG '" + dag + "' has no job '" + job + "'");
        }
        List<RunView> runs = jdbc.query(RunView.SELECT + """
                 WHERE j.org_id = ? AND j.dag_name = ? AND j.name = ? AND (?::text IS NULL OR t.status = ?)
                ORDER BY t.created_at DESC, t.id DESC LIMIT ? OFFSET ?
                """, RunView::read, org, dag, job, status.orElse(null), status.orElse(null), perPage,
                (long) (page - 1) * perPage);
        return new Page<>(runs, page, perPage, total);
    }

    public Optional<RunView> get(UUID org, UUID run) {
        return jdbc.queryOne(RunView.SELECT + " WHERE t.id = ? AND t.org_id = ?", RunView::read, run, org);
    }

    private static List<String> range(PartitionSpec spec, String from, String to, Instant now) {
        if (!spec.contains(from) || !spec.contains(to)) {
            throw new InvalidInputException("partitions: from and to must be partitions of the job");
        }
        List<String> keys = spec.between(from, to, now);
        if (keys.isEmpty() || !keys.get(keys.size() - 1).equals(to)) {
            throw new InvalidInputException("partitions: from must come before to");
        }
        return keys;
    }

    private static Set<String> materialized(io.tasker.store.jdbc.Tx tx, VersionRef output) {
        return new HashSet<>(Triggers.keys(tx, output));
    }

    /** The keys whose latest run did not fail (so mode failed leaves them out). */
    private static Set<String> notFailed(io.tasker.store.jdbc.Tx tx, JobRow job, List<String> keys) {
        Set<String> failed = new HashSet<>(tx.query("""
                SELECT p FROM (
                    SELECT DISTINCT ON (p) p, t.status FROM tasker_data.tasks t
                    JOIN tasker_data.jobs j ON j.id = t.job_id CROSS JOIN unnest(t.partitions) AS p
                    WHERE j.org_id = ? AND j.dag_name = ? AND j.name = ? AND p = ANY (?::text[])
                    ORDER BY p, t.created_at DESC) latest
                WHERE status = 'failed'
                """, row -> row.getString(1), job.orgId(), job.dagName(), job.name(), SqlArray.texts(keys)));
        Set<String> rest = new HashSet<>(keys);
        rest.removeAll(failed);
        return rest;
    }
}
