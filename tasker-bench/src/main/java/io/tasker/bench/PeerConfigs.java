package io.tasker.bench;

import java.time.Duration;
import java.util.List;

/**
 * The peers' settings. We want to beat their best, not their defaults: {@code --peer-sweep} runs every
 * configuration below on the same data and counts each peer's best; without it, each runs
 * {@link #dbSchedulerBest} and {@link #jobRunrBest}, the best of the sweep recorded in docs/benchmarks.md.
 */
final class PeerConfigs {

    /**
     * db-scheduler's settings that matter for draining a backlog.
     *
     * @param threads     executor threads ({@code threads(n)})
     * @param lowerLimit  lock-and-fetch: poll again when fewer than {@code lowerLimit * threads} are queued
     * @param upperLimit  lock-and-fetch: lock up to {@code upperLimit * threads} executions per poll
     */
    record DbScheduler(int threads, double lowerLimit, double upperLimit) {
        String label() {
            return "threads " + threads + ", pollUsingLockAndFetch(" + lowerLimit + ", " + upperLimit + ")";
        }
    }

    /**
     * JobRunr's settings that matter for draining a backlog.
     *
     * @param workers      {@code andWorkerCount(n)}
     * @param pollInterval {@code andPollInterval(d)}
     */
    record JobRunr(int workers, Duration pollInterval) {
        String label() {
            return "workers " + workers + ", poll interval " + pollInterval.toMillis() + " ms";
        }
    }

    private PeerConfigs() {
    }

    /**
     * The best db-scheduler configuration of the sweep (docs/benchmarks.md, "Peer settings"): twice the run's
     * workers as threads, lock-and-fetch refilling at half the threads and fetching up to three times them.
     */
    static DbScheduler dbSchedulerBest(int workers) {
        return new DbScheduler(workers * 2, 0.5, 3.0);
    }

    /** The best JobRunr configuration of the sweep: twice the run's workers, its lowest accepted poll interval. */
    static JobRunr jobRunrBest(int workers) {
        return new JobRunr(workers * 2, Duration.ofSeconds(5));
    }

    /** db-scheduler: its README's limits (0.5, 1.0), larger batches, and more threads than the run's workers. */
    static List<DbScheduler> dbSchedulerSweep(int workers) {
        return List.of(new DbScheduler(workers, 0.5, 1.0), new DbScheduler(workers, 0.5, 3.0),
                new DbScheduler(workers, 1.0, 4.0), new DbScheduler(workers * 2, 0.5, 1.0),
                new DbScheduler(workers * 2, 0.5, 3.0));
    }

    /** JobRunr: its documented lowest poll interval (5 s), below it (if it accepts it), and more workers. */
    static List<JobRunr> jobRunrSweep(int workers) {
        return List.of(new JobRunr(workers, Duration.ofSeconds(5)), new JobRunr(workers, Duration.ofSeconds(1)),
                new JobRunr(workers * 2, Duration.ofSeconds(5)));
    }
}
