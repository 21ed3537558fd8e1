package io.tasker.scheduler;

import io.tasker.engine.store.TaskStateStore;
import io.tasker.settings.EngineSettings;
import io.tasker.state.TaskState;
import io.tasker.store.jdbc.Jdbc;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes finished tasks ({@code complete}, {@code cancelled}, {@code resolved_manually}) older than the retention
 * age, with every row that belongs to them, in small transactions, so that a database running for months stays as
 * fast as a new one; with archiving they are copied to schema {@code tasker_archive} first. Tasks in {@code error}
 * stay (they are someone's to investigate), and so does any task with a pending dead letter entry. Safe with any
 * number of processes: a task is removed under its row lock by whichever process takes it.
 */
public final class Retention {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);

    /** The most batches one round removes, so that a backlog is worked off over several rounds. */
    static final int MAX_BATCHES_PER_ROUND = 20;

    /**
     * Retention settings.
     *
     * @param enabled   off: nothing is removed
     * @param maxAge    how long a finished task is kept (from when it finished)
     * @param archive   copy to {@code tasker_archive} before removing
     * @param batchSize tasks per transaction
     * @param interval  how often the scheduler runs a round
     */
    public record Settings(boolean enabled, Duration maxAge, boolean archive, int batchSize, Duration interval) {

        public static final Settings DEFAULTS = new Settings(true, EngineSettings.RETENTION_MAX_AGE.defaultValue(),
                false, EngineSettings.RETENTION_BATCH_SIZE.defaultInt(), EngineSettings.RETENTION_INTERVAL.defaultValue());

        public Settings {
            EngineSettings.RETENTION_MAX_AGE.check(maxAge);
            EngineSettings.RETENTION_BATCH_SIZE.check(batchSize);
            EngineSettings.RETENTION_INTERVAL.check(interval);
        }
    }

    /** What a round removed. */
    public record Round(int tasksRemoved, int batches) {
    }

    private static final Set<TaskState> RETIRABLE = Set.of(TaskState.COMPLETE, TaskState.CANCELLED,
            TaskState.RESOLVED_MANUALLY);

    private final Jdbc jdbc;
    private final SchedulerStore store = new SchedulerStore();
    private final TaskStateStore tasks;
    private final Clock clock;
    private final Settings settings;

    public Retention(Jdbc jdbc, TaskStateStore tasks, Clock clock, Settings settings) {
        this.jdbc = jdbc;
        this.tasks = tasks;
        this.clock = clock;
        this.settings = settings;
    }

    public Settings settings() {
        return settings;
    }

    /** Removes what is due, batch by batch (at most {@value #MAX_BATCHES_PER_ROUND} batches). */
    public Round run() {
        if (!settings.enabled()) {
            return new Round(0, 0);
        }
        Instant cutoff = clock.instant().minus(settings.maxAge());
        int removed = 0;
        int batches = 0;
        while (batches < MAX_BATCHES_PER_ROUND) {
            List<UUID> candidates = jdbc.withConnection(tx -> store.retirementCandidates(tx, cutoff,
                    settings.batchSize()));
            if (candidates.isEmpty()) {
                break;
            }
            int batch = jdbc.inTransaction(tx -> {
                Map<UUID, TaskState> locked = tasks.lock(tx, candidates, true);
                List<UUID> finished = locked.entrySet().stream().filter(e -> RETIRABLE.contains(e.getValue()))
                        .map(Map.Entry::getKey).toList();
                if (finished.isEmpty()) {
                    return 0;
                }
                List<UUID> free = store.withoutPendingDeadLetters(tx, finished);
                return free.isEmpty() ? 0 : store.retire(tx, free, settings.archive());
            });
            removed += batch;
            batches++;
            if (batch == 0 || candidates.size() < settings.batchSize()) {
                break;
            }
        }
        if (removed > 0) {
            log.info("Retention {} {} task(s) finished before {}", settings.archive() ? "archived" : "removed",
                    removed, cutoff);
        }
        return new Round(removed, batches);
    }
}
