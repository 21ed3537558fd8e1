package io.tasker.bench;

import java.util.List;

/**
 * Scenario 2: db-scheduler and JobRunr drain the same number of no-op jobs as Tasker's single-step run. With
 * {@code --peer-sweep} each peer runs every configuration of {@link PeerConfigs} (one row each in "2 peer
 * configurations") and its best counts; otherwise the best configuration recorded in docs/benchmarks.md runs.
 */
final class PeerScenario {

    private PeerScenario() {
    }

    static void run(Results r, BenchDatabase db, BenchOptions o, PeerRun tasker) {
        BenchMain.progress("2/7 peers: db-scheduler, warm-up then " + o.tasks() + " one-time tasks");
        DbSchedulerPeer dbScheduler = new DbSchedulerPeer(db.pool(BenchDatabase.DB_SCHEDULER, o.pool(),
                "db-scheduler"));
        List<PeerConfigs.DbScheduler> dbsConfigs = o.peerSweep() ? PeerConfigs.dbSchedulerSweep(o.workers())
                : List.of(PeerConfigs.dbSchedulerBest(o.workers()));
        dbScheduler.run("warmup", o.warmup(), dbsConfigs.getFirst());
        double dbs = 0;
        int run = 0;
        for (PeerConfigs.DbScheduler config : dbsConfigs) {
            double perSecond = dbScheduler.run("measured-" + run++, o.tasks(), config).perSecond();
            sweepRow(r, o, "db-scheduler, " + config.label(), perSecond);
            dbs = Math.max(dbs, perSecond);
        }
        r.add("2 peers", "db-scheduler jobs/s", dbs, "jobs/s");

        BenchMain.progress("2/7 peers: JobRunr, warm-up then " + o.tasks() + " jobs");
        JobRunrPeer jobRunr = new JobRunrPeer(db.pool(BenchDatabase.JOBRUNR, o.pool(), "jobrunr"));
        List<PeerConfigs.JobRunr> jrConfigs = o.peerSweep() ? PeerConfigs.jobRunrSweep(o.workers())
                : List.of(PeerConfigs.jobRunrBest(o.workers()));
        double jr = 0;
        try {
            jobRunr.run(o.warmup(), jrConfigs.getFirst());
            for (PeerConfigs.JobRunr config : jrConfigs) {
                double perSecond;
                try {
                    perSecond = jobRunr.run(o.tasks(), config).perSecond();
                } catch (IllegalArgumentException e) {
                    // JobRunr refuses some settings outright (e.g. a poll interval below its minimum).
                    BenchMain.progress("2/7 peers: JobRunr refused " + config.label() + ": " + e.getMessage());
                    perSecond = Double.NaN;
                }
                sweepRow(r, o, "JobRunr, " + config.label(), perSecond);
                jr = Double.isNaN(perSecond) ? jr : Math.max(jr, perSecond);
            }
        } finally {
            jobRunr.close();
        }
        r.add("2 peers", "JobRunr jobs/s", jr, "jobs/s");
        r.add("2 peers", "Tasker tasks/s (scenario 1)", tasker.perSecond(), "tasks/s");
        r.add("2 peers", "Tasker / db-scheduler", tasker.perSecond() / dbs, "x");
        r.add("2 peers", "Tasker / JobRunr", tasker.perSecond() / jr, "x");
    }

    private static void sweepRow(Results r, BenchOptions o, String label, double perSecond) {
        if (o.peerSweep()) {
            r.add("2 peer configurations", label, perSecond, "jobs/s");
        }
    }
}
