package io.tasker.bench;

/**
 * Issue 17's promise, measured: claims of steps with a concurrency key do not slow the claims of steps without one.
 * Two drains of the same single-step tasks back to back in one run: alone, and with a backlog of keyed tasks
 * ({@value Workloads#KEYS} key values, limit 1 each) created before them and waiting beside them.
 */
final class KeyedNeighbours {

    private KeyedNeighbours() {
    }

    static void run(Results r, BenchOptions o, TaskerScenarios tasker) {
        int tasks = Math.max(50, o.tasks() / 2);
        int keyed = Math.max(10, o.tasks() / 10);
        BenchMain.progress("1/7 throughput: " + tasks + " single-step tasks alone, then beside " + keyed
                + " keyed tasks");
        PeerRun alone = tasker.drain(Workloads.SINGLE, tasks);
        TaskerScenarios.Neighbours beside = tasker.drainBesideKeyed(tasks, keyed);
        String scenario = "1 throughput, concurrency keys";
        r.add(scenario, "single-step tasks/s alone", alone.perSecond(), "tasks/s");
        r.add(scenario, "single-step tasks/s beside a keyed backlog", beside.unkeyed().perSecond(), "tasks/s");
        r.add(scenario, "beside / alone", beside.unkeyed().perSecond() / alone.perSecond(), "x");
        r.add(scenario, "keyed tasks waiting", keyed, "tasks");
        r.add(scenario, "keyed tasks finished during the unkeyed drain", beside.keyedFinishedMeanwhile(), "tasks");
    }
}
