package io.tasker.schedule;

import io.tasker.InvalidInputException;
import io.tasker.NotFoundException;
import io.tasker.engine.TaskCreator;
import io.tasker.scheduler.PeriodicWork;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.store.jdbc.Tx;
import io.tasker.task.TaskRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scheduler work: fires the ticks of due schedules. Each schedule is handled in one transaction under its row lock
 * (another process skips it meanwhile); each tick is claimed in {@code tasker.cron_ticks} and its task created in
 * that same transaction, with the idempotency key {@code schedule:<uuid>@<tick>}, so a tick starts exactly one
 * task however many processes run the scheduler, and a crash leaves it unclaimed for the next round.
 */
public final class ScheduleTicker implements PeriodicWork {

    private static final Logger log = LoggerFactory.getLogger(ScheduleTicker.class);
    private static final int BATCH = 50;
    /** Ticks fired per schedule and round when catching up every missed tick; the rest follow next round. */
    static final int MAX_CATCH_UP = 100;
    private static final Duration FORGET_EVERY = Duration.ofHours(1);
    private static final Duration RETRY_PAUSE = Duration.ofMillis(50);

    private final Jdbc jdbc;
    private final TaskCreator creator;
    private final Consumer<UUID> cancelPrevious;
    private final Clock clock;
    private final ScheduleStore store = new ScheduleStore();
    private Instant lastForget;

    /** @param cancelPrevious cancels a still running task of a schedule whose overlap is cancel_previous */
    public ScheduleTicker(Jdbc jdbc, TaskCreator creator, Consumer<UUID> cancelPrevious, Clock clock) {
        this.jdbc = jdbc;
        this.creator = creator;
        this.cancelPrevious = cancelPrevious;
        this.clock = clock;
    }

    @Override
    public Optional<Instant> run(Instant now) {
        for (UUID schedule : jdbc.withConnection(tx -> store.due(tx, now, BATCH))) {
            try {
                jdbc.runInTransaction(tx -> tick(tx, schedule, now));
            } catch (RuntimeException e) {
                log.warn("Schedule {} could not tick; trying again next round", schedule, e);
            }
        }
        if (lastForget == null || !now.isBefore(lastForget.plus(FORGET_EVERY))) {
            lastForget = now;
            jdbc.runInTransaction(tx -> CronTicks.forget(tx, now));
        }
        return jdbc.withConnection(store::nextDue)
                .map(next -> next.isAfter(now) ? next : clock.instant().plus(RETRY_PAUSE));
    }

    private void tick(Tx tx, UUID scheduleUuid, Instant now) {
        Optional<Schedule> locked = store.lockDue(tx, scheduleUuid, now);
        if (locked.isEmpty()) {
            return; // another process has it, or it changed meanwhile
        }
        Schedule schedule = locked.get();
        ZoneId zone = ZoneId.of(schedule.timezone());
        Instant from = schedule.handledUpTo().orElse(schedule.createdAt());
        List<Instant> due = schedule.catchUp() == CatchUp.ALL ? oldestDue(schedule.cron(), from, now, zone)
                : schedule.cron().ticksBetween(from, now, zone, 2);
        TickPlan plan = TickPlan.of(due, now, schedule.catchUp());
        String owner = schedule.tickOwner();
        for (Instant missed : plan.missed()) {
            CronTicks.claim(tx, owner, missed, CronTicks.Outcome.MISSED, now);
        }
        Optional<UUID> lastTask = schedule.lastTask();
        for (Instant tick : plan.fire()) {
            Optional<UUID> started = fire(tx, schedule, tick, lastTask, now);
            lastTask = started.isPresent() ? started : lastTask;
        }
        Instant handled = due.isEmpty() ? from : due.get(due.size() - 1);
        store.ticked(tx, scheduleUuid, handled, schedule.cron().nextAfter(handled, zone), lastTask, now);
    }

    /** Fires one tick: returns the task it started, if it started one. */
    private Optional<UUID> fire(Tx tx, Schedule schedule, Instant tick, Optional<UUID> previous, Instant now) {
        String owner = schedule.tickOwner();
        boolean previousRunning = previous.isPresent() && !store.finished(tx, previous.get());
        if (previousRunning && schedule.overlap() == Overlap.SKIP) {
            CronTicks.claim(tx, owner, tick, CronTicks.Outcome.SKIPPED, now);
            return Optional.empty();
        }
        if (!CronTicks.claim(tx, owner, tick, CronTicks.Outcome.FIRED, now)) {
            return Optional.empty(); // handled elsewhere already
        }
        if (previousRunning && schedule.overlap() == Overlap.CANCEL_PREVIOUS) {
            cancelPrevious.accept(previous.get());
        }
        try {
            UUID task = switch (creator.createAll(tx, List.of(request(schedule, tick))).get(0)) {
                case TaskCreator.Creation.Created created -> created.task().taskUuid();
                case TaskCreator.Creation.Duplicate duplicate -> duplicate.existingTaskUuid();
            };
            CronTicks.attachTask(tx, owner, tick, task);
            return Optional.of(task);
        } catch (InvalidInputException | NotFoundException e) {
            log.warn("Schedule {} could not start a task for its tick {}: {}", schedule.scheduleUuid(), tick,
                    e.getMessage());
            CronTicks.failed(tx, owner, tick, e.getMessage());
            return Optional.empty();
        }
    }

    static TaskRequest request(Schedule schedule, Instant tick) {
        TaskRequest.Builder request = TaskRequest.of(schedule.namespace(), schedule.name())
                .context(schedule.context())
                .initiator(schedule.tickOwner())
                .sourceSystem("tasker-schedule")
                .reason("cron tick " + tick)
                .tags(List.of(schedule.tickOwner()))
                .idempotencyKey(schedule.tickOwner() + "@" + tick);
        schedule.version().ifPresent(request::version);
        return request.build();
    }

    /** Due ticks oldest first, at most {@link #MAX_CATCH_UP}. */
    private static List<Instant> oldestDue(CronExpression cron, Instant from, Instant now, ZoneId zone) {
        List<Instant> ticks = new ArrayList<>();
        Optional<Instant> next = cron.nextAfter(from, zone);
        while (next.isPresent() && !next.get().isAfter(now) && ticks.size() < MAX_CATCH_UP) {
            ticks.add(next.get());
            next = cron.nextAfter(next.get(), zone);
        }
        return ticks;
    }
}
