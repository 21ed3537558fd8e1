package io.tasker.bench;

/**
 * One measured drain: {@code jobs} finished between the first handler start and the moment the last completion was
 * seen committed.
 */
record PeerRun(String system, int jobs, long firstStartNanos, long doneNanos, long workerStartNanos) {

    double seconds() {
        return (doneNanos - firstStartNanos) / 1e9;
    }

    double perSecond() {
        return jobs / seconds();
    }

    /** From starting the worker (engine, scheduler, job server) to the end, start-up included. */
    double secondsWithStartup() {
        return (doneNanos - workerStartNanos) / 1e9;
    }
}
