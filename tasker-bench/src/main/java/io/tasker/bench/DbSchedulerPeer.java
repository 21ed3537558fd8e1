package io.tasker.bench;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * db-scheduler with one-time tasks: jobs are scheduled in batches (scheduleBatch) while no scheduler runs, then one
 * scheduler drains them with the lock-and-fetch polling strategy its README recommends above ~1,000 executions/s.
 * A finished one-time execution is deleted, so "done" is an empty table.
 */
final class DbSchedulerPeer {

    private static final String TABLE = """
            CREATE TABLE IF NOT EXISTS scheduled_tasks (
              task_name text NOT NULL,
              task_instance text NOT NULL,
              task_data bytea,
              execution_time timestamp with time zone,
              picked boolean NOT NULL,
              picked_by text,
              last_success timestamp with time zone,
              last_failure timestamp with time zone,
              consecutive_failures int,
              last_heartbeat timestamp with time zone,
              version bigint NOT NULL,
              priority smallint,
              state text,
              PRIMARY KEY (task_name, task_instance)
            );
            CREATE INDEX IF NOT EXISTS execution_time_idx ON scheduled_tasks (execution_time);
            CREATE INDEX IF NOT EXISTS last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
            CREATE INDEX IF NOT EXISTS priority_execution_time_idx ON scheduled_tasks (priority DESC, execution_time ASC);
            """;

    private final DataSource pool;
    private final AtomicLong firstStart = new AtomicLong();
    private final OneTimeTask<Void> noop = Tasks.oneTime("bench-noop")
            .execute((instance, context) -> firstStart.compareAndSet(0, System.nanoTime()));

    DbSchedulerPeer(DataSource pool) {
        this.pool = pool;
        BenchDatabase.execute(pool, TABLE);
    }

    PeerRun run(String prefix, int jobs, PeerConfigs.DbScheduler config) {
        firstStart.set(0);
        SchedulerClient client = SchedulerClient.Builder.create(pool, noop).build();
        Instant due = Instant.now();
        for (int done = 0; done < jobs; ) {
            int n = Math.min(Workloads.CREATE_BATCH, jobs - done);
            List<TaskInstance<?>> batch = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                batch.add(noop.instance(prefix + "-" + (done + i)));
            }
            client.scheduleBatch(batch, due);
            done += n;
        }
        Scheduler scheduler = Scheduler.create(pool, noop)
                .threads(config.threads())
                .pollUsingLockAndFetch(config.lowerLimit(), config.upperLimit())
                .pollingInterval(Duration.ofSeconds(1))
                .heartbeatInterval(Duration.ofSeconds(30))
                .alwaysPersistTimestampInUTC()
                .shutdownMaxWait(Duration.ofSeconds(5))
                .build();
        long started = System.nanoTime();
        scheduler.start();
        try {
            long done = PeerPolling.awaitZero(pool, "SELECT count(*) FROM scheduled_tasks", timeout(jobs));
            return new PeerRun("db-scheduler", jobs, firstStart.get(), done, started);
        } finally {
            scheduler.stop();
        }
    }

    static Duration timeout(int jobs) {
        return Duration.ofSeconds(Math.max(120, jobs / 100));
    }
}
