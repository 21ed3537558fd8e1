package io.tasker.scheduler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * When the maintenance loop runs its next round: at the instant it planned (the earliest retry it knew of, or its
 * interval), earlier as soon as it hears of a retry due sooner, or at once when asked. A timer to the next due
 * retry, not a poll: a retry due in 100 ms is promoted when it is due, not at the next round of a 1 s loop.
 */
final class Alarm {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** The instant the loop sleeps until; null while a round runs. */
    private Instant wakeAt;
    /** The earliest retry heard of while a round ran, before the loop planned its sleep. */
    private Instant heardDuringRound;
    private boolean now;

    /** A retry falls due at {@code due}: wake by then. */
    void retryDue(Instant due) {
        lock.lock();
        try {
            if (wakeAt == null) {
                heardDuringRound = earliest(heardDuringRound, due);
            } else if (due.isBefore(wakeAt)) {
                wakeAt = due;
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Run a round now. */
    void ring() {
        lock.lock();
        try {
            now = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The instant the loop will wake at, while it sleeps. */
    Optional<Instant> wakeAt() {
        lock.lock();
        try {
            return Optional.ofNullable(wakeAt);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sleeps until {@code planned}, or an earlier due retry heard of meanwhile, or {@link #ring()}. The wait is
     * measured on {@code clock} when it starts and whenever the wake-up moves; a full wait that elapsed ends the
     * sleep even if {@code clock} has not moved (a test's fixed clock).
     */
    void sleepUntil(Instant planned, Clock clock) throws InterruptedException {
        lock.lock();
        try {
            wakeAt = earliest(planned, heardDuringRound);
            heardDuringRound = null;
            while (!now) {
                Instant target = wakeAt;
                long nanos = Duration.between(clock.instant(), target).toNanos();
                if (nanos <= 0 || (changed.awaitNanos(nanos) <= 0 && target.equals(wakeAt))) {
                    return;
                }
            }
        } finally {
            now = false;
            wakeAt = null;
            lock.unlock();
        }
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null || a.isBefore(b) ? a : b;
    }
}
