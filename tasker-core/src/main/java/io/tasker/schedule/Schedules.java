package io.tasker.schedule;

import io.tasker.NotFoundException;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.template.TemplateRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Cron schedules of templates, per org: create, list, pause, resume, delete, and the ticks each one handled. The
 * ticking is the scheduler's work ({@link ScheduleTicker}); after a change this process's scheduler is woken, so a
 * new schedule's first tick is not late.
 */
public final class Schedules {

    /** No schedule with that id in the caller's org (HTTP 404). */
    public static final class ScheduleNotFoundException extends NotFoundException {
        public ScheduleNotFoundException(UUID scheduleUuid) {
            super("schedule " + scheduleUuid + " not found");
        }
    }

    private final Jdbc jdbc;
    private final TemplateRegistry templates;
    private final Clock clock;
    private final Runnable wakeScheduler;
    private final ScheduleStore store = new ScheduleStore();

    public Schedules(Jdbc jdbc, TemplateRegistry templates, Clock clock, Runnable wakeScheduler) {
        this.jdbc = jdbc;
        this.templates = templates;
        this.clock = clock;
        this.wakeScheduler = wakeScheduler;
    }

    /**
     * Creates a schedule; its first tick is the first fire time after now.
     *
     * @throws io.tasker.template.TemplateNotFoundException when no such template (version) is registered
     */
    public Schedule create(UUID orgId, ScheduleRequest request, Optional<String> createdBy) {
        templates.resolve(request.namespace(), request.name(), request.version());
        Instant now = clock.instant();
        Optional<Instant> first = request.cron().nextAfter(now, ZoneId.of(request.timezone()));
        Schedule created = jdbc.inTransaction(tx -> store.insert(tx, orgId, request, first, createdBy, now));
        wakeScheduler.run();
        return created;
    }

    public List<Schedule> list(UUID orgId, Optional<String> namespace, Optional<String> name) {
        return jdbc.withConnection(tx -> store.list(tx, orgId, namespace, name));
    }

    public Schedule get(UUID orgId, UUID scheduleUuid) {
        return jdbc.withConnection(tx -> store.get(tx, orgId, scheduleUuid))
                .orElseThrow(() -> new ScheduleNotFoundException(scheduleUuid));
    }

    /** Stops ticking; ticks that pass while paused never fire (resume does not catch them up). */
    public Schedule pause(UUID orgId, UUID scheduleUuid) {
        Schedule schedule = get(orgId, scheduleUuid);
        return jdbc.inTransaction(tx -> store.setPaused(tx, orgId, scheduleUuid, true,
                schedule.handledUpTo().orElse(schedule.createdAt()), schedule.nextTickAt(), clock.instant()))
                .orElseThrow(() -> new ScheduleNotFoundException(scheduleUuid));
    }

    /** Ticks again from now on. */
    public Schedule resume(UUID orgId, UUID scheduleUuid) {
        Schedule schedule = get(orgId, scheduleUuid);
        Instant now = clock.instant();
        Instant handled = schedule.paused() ? now : schedule.handledUpTo().orElse(schedule.createdAt());
        Optional<Instant> next = schedule.paused()
                ? schedule.cron().nextAfter(now, ZoneId.of(schedule.timezone())) : schedule.nextTickAt();
        Schedule resumed = jdbc.inTransaction(tx -> store.setPaused(tx, orgId, scheduleUuid, false, handled, next,
                now)).orElseThrow(() -> new ScheduleNotFoundException(scheduleUuid));
        wakeScheduler.run();
        return resumed;
    }

    /** Deletes the schedule (the tasks it started stay); a missing one is a {@link ScheduleNotFoundException}. */
    public void delete(UUID orgId, UUID scheduleUuid) {
        if (!jdbc.inTransaction(tx -> store.delete(tx, orgId, scheduleUuid))) {
            throw new ScheduleNotFoundException(scheduleUuid);
        }
    }

    /** The latest ticks the schedule handled (newest first): fired with their task, skipped or missed. */
    public List<ScheduleTick> ticks(UUID orgId, UUID scheduleUuid, int limit) {
        Schedule schedule = get(orgId, scheduleUuid);
        return jdbc.withConnection(tx -> store.ticks(tx, schedule.tickOwner(), limit));
    }

    /** The next {@code count} fire times of a cron expression in a zone (to try one out). */
    public static List<Instant> preview(CronExpression cron, ZoneId zone, Instant from, int count) {
        List<Instant> ticks = new java.util.ArrayList<>();
        Optional<Instant> next = cron.nextAfter(from, zone);
        while (next.isPresent() && ticks.size() < count) {
            ticks.add(next.get());
            next = cron.nextAfter(next.get(), zone);
        }
        return ticks;
    }
}
