package io.tasker.worker;

import java.util.concurrent.atomic.AtomicBoolean;

/** An attempt running in this process: its claim, its thread, and whether its outcome has been decided. */
final class RunningStep {

    private final StepClaim claim;
    private final AtomicBoolean settled = new AtomicBoolean();
    private volatile Thread thread;

    RunningStep(StepClaim claim) {
        this.claim = claim;
    }

    StepClaim claim() {
        return claim;
    }

    void attach(Thread thread) {
        this.thread = thread;
    }

    /** True for the one caller that settles the attempt (handler return, timeout, cancellation or lost lease). */
    boolean settle() {
        return settled.compareAndSet(false, true);
    }

    boolean isSettled() {
        return settled.get();
    }

    void interrupt() {
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }
}
