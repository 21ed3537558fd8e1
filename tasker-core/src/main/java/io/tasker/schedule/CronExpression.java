package io.tasker.schedule;

import com.cronutils.descriptor.CronDescriptor;
import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import io.tasker.InvalidInputException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A cron expression: the five fields of Unix cron ({@code minute hour day-of-month month day-of-week}, with
 * {@code * , - /} and names such as {@code MON} or {@code JAN}) or one of {@code @yearly @annually @monthly @weekly
 * @daily @midnight @hourly}. Parsing and fire times are cron-utils'; fire times are computed in a time zone, so
 * {@code 0 9 * * *} in {@code Europe/Paris} fires at 09:00 local time on both sides of a daylight saving change
 * (a local time that a change skips does not fire that day; one it repeats fires once). The one cron of the product.
 */
public final class CronExpression {

    public static final int MAX_LENGTH = 128;

    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    private static final Map<String, String> NICKNAMES = Map.of(
            "@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *", "@monthly", "0 0 1 * *", "@weekly", "0 0 * * 0",
            "@daily", "0 0 * * *", "@midnight", "0 0 * * *", "@hourly", "0 * * * *");

    private final String text;
    private final Cron cron;
    private final ExecutionTime executions;

    private CronExpression(String text, Cron cron) {
        this.text = text;
        this.cron = cron;
        this.executions = ExecutionTime.forCron(cron);
    }

    /**
     * Parses and validates {@code text}.
     *
     * @throws InvalidInputException naming what is wrong (HTTP 400)
     */
    public static CronExpression parse(String text) {
        if (text == null || text.isBlank() || text.length() > MAX_LENGTH) {
            throw new InvalidInputException("cron must be 1 to " + MAX_LENGTH + " characters, e.g. '0 * * * *'");
        }
        String trimmed = text.strip();
        String fields = NICKNAMES.getOrDefault(trimmed.toLowerCase(Locale.ROOT), trimmed);
        try {
            return new CronExpression(trimmed, PARSER.parse(fields).validate());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("cron '" + trimmed + "' is not a valid expression of five fields "
                    + "(minute hour day-of-month month day-of-week) or @hourly/@daily/...: " + e.getMessage());
        }
    }

    /**
     * A time zone by its IANA name ({@code Europe/Paris}) or {@code UTC}.
     *
     * @throws InvalidInputException for an unknown zone
     */
    public static ZoneId zone(String name) {
        try {
            return ZoneId.of(name == null || name.isBlank() ? "UTC" : name.strip());
        } catch (DateTimeException e) {
            throw new InvalidInputException("timezone '" + name + "' is not a known time zone (use an IANA name "
                    + "such as Europe/Paris, or UTC)");
        }
    }

    /** The first fire time strictly after {@code after}, in {@code zone}; empty when it never fires again. */
    public Optional<Instant> nextAfter(Instant after, ZoneId zone) {
        return executions.nextExecution(ZonedDateTime.ofInstant(after, zone)).map(ZonedDateTime::toInstant);
    }

    /** The last fire time at or before {@code atOrBefore}, in {@code zone}. */
    public Optional<Instant> lastAtOrBefore(Instant atOrBefore, ZoneId zone) {
        ZonedDateTime at = ZonedDateTime.ofInstant(atOrBefore, zone);
        if (at.getSecond() == 0 && at.getNano() == 0 && executions.isMatch(at)) {
            return Optional.of(atOrBefore);
        }
        return executions.lastExecution(at).map(ZonedDateTime::toInstant);
    }

    /**
     * The fire times in {@code (fromExclusive, toInclusive]}, oldest first, at most {@code limit} of them (the
     * newest {@code limit} when there are more: after a long downtime the recent ticks matter most).
     */
    public List<Instant> ticksBetween(Instant fromExclusive, Instant toInclusive, ZoneId zone, int limit) {
        List<Instant> ticks = new ArrayList<>();
        Optional<Instant> tick = lastAtOrBefore(toInclusive, zone);
        while (tick.isPresent() && tick.get().isAfter(fromExclusive) && ticks.size() < limit) {
            ticks.add(0, tick.get());
            tick = executions.lastExecution(ZonedDateTime.ofInstant(tick.get(), zone)).map(ZonedDateTime::toInstant);
        }
        return ticks;
    }

    /** In words, e.g. "every hour" or "at 09:00 on Monday". */
    public String describe() {
        return CronDescriptor.instance(Locale.UK).describe(cron);
    }

    /** As written (trimmed). */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CronExpression that && text.equals(that.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
