package io.tasker.data.run;

import io.tasker.data.dag.Activation;
import io.tasker.data.deploy.JobRow;
import io.tasker.store.jdbc.Tx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Rebuilds what a deploy changed: the reactive jobs that got new dataset versions run for every partition their
 * inputs already have. Jobs whose inputs are new as well have nothing yet; they follow as their inputs materialise.
 * Source and manual jobs are rebuilt by their schedule or a backfill.
 */
public final class Rebuilds {

    private Rebuilds() {
    }

    /** Starts the runs in the deploy's transaction and returns how many. */
    public static int start(Tx tx, TaskFactory tasks, List<JobRow> changed, Instant now) {
        List<NewRun> runs = new ArrayList<>();
        for (JobRow job : changed) {
            if (job.activation() == Activation.REACTIVE) {
                runs.addAll(Triggers.forRebuild(tx, job));
            }
        }
        RunStarter.start(tx, tasks, runs, now);
        return runs.size();
    }
}
