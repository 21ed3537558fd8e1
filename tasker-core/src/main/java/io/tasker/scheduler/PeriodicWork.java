package io.tasker.scheduler;

import java.time.Instant;
import java.util.Optional;

/**
 * Work a layer adds to the scheduler's loop ({@link Maintenance}): due timers, cron ticks, deliveries. It runs on
 * every round of every engine that runs the scheduler, so it must be safe with any number of processes (lock rows,
 * skip what another process holds, insert-once). The loop sleeps until the earliest instant its works report, its
 * interval at most, and wakes earlier when told ({@code Tasker#wakeScheduler}).
 */
@FunctionalInterface
public interface PeriodicWork {

    /**
     * Does what is due at {@code now}; a failure is logged and the loop goes on.
     *
     * @return when this work next has something due, or empty when it does not know (the loop's interval applies)
     */
    Optional<Instant> run(Instant now);
}
