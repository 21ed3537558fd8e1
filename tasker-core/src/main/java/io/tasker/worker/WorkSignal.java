package io.tasker.worker;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** Wakes a waiting loop: set by whoever has news (steps ready, a slot freed); consumed by one await. */
public final class WorkSignal {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private boolean pending;

    public void signal() {
        lock.lock();
        try {
            pending = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until signalled or {@code timeout} passes; returns whether a signal came. */
    public boolean await(Duration timeout) throws InterruptedException {
        lock.lock();
        try {
            long nanos = timeout.toNanos();
            while (!pending && nanos > 0) {
                nanos = changed.awaitNanos(nanos);
            }
            boolean signalled = pending;
            pending = false;
            return signalled;
        } finally {
            lock.unlock();
        }
    }
}
