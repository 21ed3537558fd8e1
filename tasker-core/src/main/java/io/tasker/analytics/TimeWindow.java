package io.tasker.analytics;

import io.tasker.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The span [since, until) that windowed figures cover, to the microsecond (as PostgreSQL stores times). */
public record TimeWindow(Instant since, Instant until) {

    public TimeWindow {
        since = since.truncatedTo(ChronoUnit.MICROS);
        until = until.truncatedTo(ChronoUnit.MICROS);
        if (!since.isBefore(until)) {
            throw new InvalidInputException("a time window must end after it starts: " + since + " to " + until);
        }
    }

    /** The {@code length} of time that ends at {@code end}. */
    public static TimeWindow ending(Instant end, Duration length) {
        if (length.isNegative() || length.isZero()) {
            throw new InvalidInputException("a time window must be longer than zero, not " + length);
        }
        return new TimeWindow(end.minus(length), end);
    }

    public Duration length() {
        return Duration.between(since, until);
    }
}
