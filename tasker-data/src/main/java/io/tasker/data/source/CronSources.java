package io.tasker.data.source;

import io.tasker.data.dataset.DatasetVersions;
import io.tasker.data.deploy.JobRow;
import io.tasker.data.run.NewRun;
import io.tasker.data.run.RunStarter;
import io.tasker.data.run.TaskFactory;
import io.tasker.json.Json;
import io.tasker.scheduler.PeriodicWork;
import io.tasker.schedule.CronExpression;
import io.tasker.schedule.CronTicks;
import io.tasker.store.jdbc.Jdbc;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires the cron sources of data jobs on the engine's scheduler loop, with the engine's one cron
 * ({@code io.tasker.schedule}). A source job of a live DAG version (the current one, or one being built) runs at
 * each tick for the partitions holding the tick; its latest due tick is fired once across any number of processes:
 * the tick is claimed ({@link CronTicks}, owner {@code data:<output dataset version>}) in the transaction that creates
 * its runs, and versions whose job writes the same dataset version share it. Ticks from before the job was deployed,
 * and older ticks missed while no scheduler ran, are not fired (a backfill fills them).
 */
public final class CronSources implements PeriodicWork {

    private static final Logger log = LoggerFactory.getLogger(CronSources.class);

    private static final String LIVE_CRON_JOBS = "SELECT " + JobRow.COLUMNS + """
             FROM tasker_data.jobs j
            JOIN tasker_data.dag_current_versions c ON c.org_id = j.org_id AND c.dag_name = j.dag_name
            JOIN tasker_data.dag_versions v ON v.id = j.dag_version_id
            WHERE j.activation = 'source' AND j.source ->> 'kind' = 'cron'
              AND (v.id = c.dag_version_id OR v.created_at > c.updated_at)
            ORDER BY v.created_at DESC, j.id
            """;

    private final Jdbc jdbc;
    private final TaskFactory tasks;

    public CronSources(Jdbc jdbc, TaskFactory tasks) {
        this.jdbc = jdbc;
        this.tasks = tasks;
    }

    @Override
    public Optional<Instant> run(Instant now) {
        Optional<Instant> next = Optional.empty();
        Set<String> owners = new HashSet<>();
        for (JobRow job : jdbc.query(LIVE_CRON_JOBS, JobRow::read)) {
            try {
                CronExpression cron = CronExpression.parse(job.source().path("schedule").asString());
                ZoneId zone = CronExpression.zone(job.source().path("timezone").asString("UTC"));
                String owner = jdbc.withConnection(tx -> "data:" + DatasetVersions.outputs(tx, job).get(0).versionId());
                if (owners.add(owner)) {
                    cron.lastAtOrBefore(now, zone).filter(tick -> !tick.isBefore(job.createdAt()))
                            .ifPresent(tick -> fire(job, owner, tick, now));
                }
                Optional<Instant> following = cron.nextAfter(now, zone);
                if (following.isPresent() && (next.isEmpty() || following.get().isBefore(next.get()))) {
                    next = following;
                }
            } catch (RuntimeException e) {
                log.warn("Cron source of job {} of DAG {} failed: {}", job.name(), job.dagName(), e.getMessage());
            }
        }
        return next;
    }

    /** Claims the tick and starts its runs in one transaction; another process that claimed it first wins. */
    private void fire(JobRow job, String owner, Instant tick, Instant now) {
        int started = jdbc.inTransaction(tx -> {
            if (!CronTicks.claim(tx, owner, tick, CronTicks.Outcome.FIRED, now)) {
                return 0;
            }
            List<NewRun> runs = new ArrayList<>();
            for (String key : job.partitions().keysAtTick(tick)) {
                runs.add(NewRun.of(job, List.of(key), Json.object().put("trigger", "cron")
                        .put("tick", tick.toString()).put("schedule", job.source().path("schedule").asString())));
            }
            RunStarter.start(tx, tasks, runs, now);
            if (!runs.isEmpty()) {
                CronTicks.attachTask(tx, owner, tick, runs.get(0).id());
            }
            return runs.size();
        });
        if (started > 0) {
            log.info("Cron tick {} of {}.{}: {} run(s)", tick, job.dagName(), job.name(), started);
        }
    }
}
