package io.tasker.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Which of a schedule's due ticks fire and which count as missed, by its {@link CatchUp} policy: a pure function
 * of the due ticks (oldest first) and the time now.
 */
public record TickPlan(List<Instant> fire, List<Instant> missed) {

    /** A tick handled within this long of its instant is on time; later, it was missed. */
    public static final Duration ON_TIME = Duration.ofMinutes(1);

    public TickPlan {
        fire = List.copyOf(fire);
        missed = List.copyOf(missed);
    }

    public static TickPlan of(List<Instant> due, Instant now, CatchUp catchUp) {
        if (due.isEmpty()) {
            return new TickPlan(List.of(), List.of());
        }
        Instant latest = due.get(due.size() - 1);
        List<Instant> earlier = due.subList(0, due.size() - 1);
        boolean latestOnTime = !now.isAfter(latest.plus(ON_TIME));
        return switch (catchUp) {
            case ALL -> new TickPlan(due, List.of());
            case LAST -> new TickPlan(List.of(latest), earlier);
            case NONE -> latestOnTime ? new TickPlan(List.of(latest), earlier) : new TickPlan(List.of(), due);
        };
    }
}
