package io.tasker.scheduler;

import io.tasker.store.jdbc.Jdbc;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the planner's statistics of the hot tables fresh. After a burst (thousands of tasks created at once) the
 * statistics say the tables are nearly empty until autovacuum gets round to them, up to a minute later on a default
 * server, and the planner picks plans that read whole tables. This re-analyzes a table as soon as a fifth of it has
 * changed; one process at a time (advisory lock).
 */
final class StatisticsKeeper {

    private static final Logger log = LoggerFactory.getLogger(StatisticsKeeper.class);
    private static final Duration MIN_INTERVAL = Duration.ofSeconds(5);
    private static final long ADVISORY_LOCK = 0x7461736b6572L; // "tasker"

    /** The only tables ever analyzed; names are checked against this set before use. */
    private static final Set<String> HOT_TABLES = Set.of("tasks", "workflow_steps", "workflow_step_edges",
            "workflow_step_transitions", "task_transitions", "workflow_step_result_audit");

    private final Jdbc jdbc;
    private final SchedulerStore store;
    private long nextCheck;

    StatisticsKeeper(Jdbc jdbc, SchedulerStore store) {
        this.jdbc = jdbc;
        this.store = store;
    }

    /** Analyzes stale hot tables; returns how many. Cheap when nothing is stale. */
    int refresh() {
        long now = System.nanoTime();
        if (now < nextCheck) {
            return 0;
        }
        nextCheck = now + MIN_INTERVAL.toNanos();
        List<String> stale = jdbc.withConnection(tx -> store.staleStatistics(tx, HOT_TABLES));
        if (stale.isEmpty()) {
            return 0;
        }
        return jdbc.inTransaction(tx -> {
            if (!store.tryAdvisoryLock(tx, ADVISORY_LOCK)) {
                return 0;
            }
            int analyzed = 0;
            for (String table : stale) {
                if (HOT_TABLES.contains(table)) {
                    store.analyze(tx, table);
                    analyzed++;
                }
            }
            log.debug("Analyzed {} table(s) whose statistics had gone stale: {}", analyzed, stale);
            return analyzed;
        });
    }
}
